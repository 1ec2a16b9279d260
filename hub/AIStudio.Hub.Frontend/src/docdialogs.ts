import { DocumentManagerDialogs, type IDocumentManagerDialogs } from '@jupyterlab/docmanager';
import type { ITranslator } from '@jupyterlab/translation';

/**
 * JupyterLab's document dialogs, except one case: when a notebook fails to load (not found, no access) the document
 * manager closes its widget, and the empty model in it counts as unsaved, which would ask "Save changes before
 * closing?" and could write an empty notebook over the path. A document that never loaded closes without asking.
 */
export class PageDocumentDialogs extends DocumentManagerDialogs {
  constructor(
    private readonly isLoaded: () => boolean,
    translator: ITranslator
  ) {
    super({ translator });
  }

  async saveBeforeClose(
    options: IDocumentManagerDialogs.SaveBeforeClose.IOptions
  ): Promise<IDocumentManagerDialogs.SaveBeforeClose.IResult> {
    if (!this.isLoaded()) {
      return { shouldClose: true, ignoreSave: true };
    }
    return super.saveBeforeClose(options);
  }
}
