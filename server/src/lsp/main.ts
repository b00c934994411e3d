// Entry point of dist/server.js: creates the connection (stdio, node IPC or a socket, as the
// command line says) and starts the server. A stray exception is logged, never fatal.

import './heap-tuning';
import { Connection, createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './server';
import { errorMessage } from '../engine';
import { inspect } from 'node:util';
import { jsonEncoder } from './json-encoding';

const connection = process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => {
  connection.console.error(`Unexpected error: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${errorMessage(reason, { stack: true })}`);
});

startServer(connection);

/**
 * The stdio connection the library makes from `--stdio`, with our JSON encoding (see json-encoding.ts):
 * the library takes no encoder with its streams. So what it does for stdio is done here: the server
 * exits when its input ends (0 after a shutdown request, as the LSP asks), and console output goes
 * to the client's log, never into the protocol's stream.
 */
function stdioConnection(): Connection {
  const made = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout, { contentTypeEncoder: jsonEncoder }));
  let shutdown = false;
  made.onShutdown(() => {
    shutdown = true;
  });
  const exit = () => process.exit(shutdown ? 0 : 1);
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = (...args: unknown[]) => made.console.log(text(args));
  console.debug = (...args: unknown[]) => made.console.log(text(args));
  console.warn = (...args: unknown[]) => made.console.warn(text(args));
  console.error = (...args: unknown[]) => made.console.error(text(args));
  return made;
}
