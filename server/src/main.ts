import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { isAnalysisWorker, runAnalysisWorker } from './analysis/worker';
import { startServer } from './server';

/**
 * The Node entry point of the language server. The transport comes from the command line, as
 * language clients pass it: `--stdio`, `--node-ipc`, `--pipe=<name>` or `--socket=<port>`. The same
 * script, started as a worker thread by the server, analyses large documents (./analysis/worker.ts).
 */
if (isAnalysisWorker()) {
  runAnalysisWorker();
} else {
  startServer(
    createConnection(ProposedFeatures.all),
    typeof __filename === 'string' ? { analysisWorker: __filename } : {},
  );
}
