import { PathExt } from '@jupyterlab/coreutils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { INotebookModel } from '@jupyterlab/notebook';

/**
 * Downloads the notebook as it is in the page now (saved or not), as an .ipynb file named like the notebook,
 * serialized the way Jupyter writes notebooks (one-space indent, trailing newline). Nothing goes to the server.
 */
export function downloadNotebook(context: DocumentRegistry.IContext<INotebookModel>): void {
  const json = `${JSON.stringify(context.model.toJSON(), null, 1)}\n`;
  const blob = new Blob([json], { type: 'application/x-ipynb+json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = PathExt.basename(context.path);
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
