// Entry point of dist/server.js: creates the connection (stdio, node IPC or a socket, as the
// command line says) and starts the server. A stray exception is logged, never fatal.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { errorMessage } from '../engine';

const connection = createConnection(ProposedFeatures.all);

process.on('uncaughtException', (error) => {
  connection.console.error(`Unexpected error: ${error.stack ?? error.message}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Unhandled rejection: ${errorMessage(reason, { stack: true })}`);
});

startServer(connection);
