// A workspace model filled from file texts, as the server's indexer and the CLI fill it (with every
// family's extractors, the kustomize family's roles included).

import { extractText, WorkspaceModel, WorkspaceView } from '../../server/src/engine';
import { workspaceExtractors } from '../../rules';

export function workspaceOf(files: Record<string, string> = {}): WorkspaceModel {
  const model = new WorkspaceModel(workspaceExtractors());
  for (const [file, text] of Object.entries(files)) model.set(extractText(file, text, model.extractorList));
  return model;
}

/** Sets `file` from its current text (as an open document's analysis does) and returns what its rules see. */
export function viewOf(model: WorkspaceModel, file: string, text: string): WorkspaceView {
  model.set(extractText(file, text, model.extractorList));
  return model.view(file);
}
