import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/**
 * The Node entry point of the language server. The transport comes from the command line, as
 * language clients pass it: `--stdio`, `--node-ipc`, `--pipe=<name>` or `--socket=<port>`.
 */
startServer(createConnection(ProposedFeatures.all));
