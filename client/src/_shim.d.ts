declare module 'vscode-languageclient/node' {
  export * from 'vscode-languageclient/lib/node/main';
}
