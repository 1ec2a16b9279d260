import { PathExt } from '@jupyterlab/coreutils';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import { notebookIcon } from '@jupyterlab/ui-components';

import { homeUrl, type IPageSettings, notebookUrl } from './config';

/**
 * The slim bar at the top: "AI Studio" (back to the hub's home), the notebook's folder and name (click the name to
 * rename it), whether it is saved, and who is signed in.
 */
export class PageHeader {
  readonly node: HTMLElement;
  private readonly folderNode: HTMLElement;
  private readonly nameButton: HTMLButtonElement;
  private readonly saveStateNode: HTMLElement;

  constructor(
    private readonly settings: IPageSettings,
    onRename: () => void
  ) {
    this.node = document.createElement('header');
    this.node.className = 'aistudio-header';

    const brand = document.createElement('a');
    brand.className = 'aistudio-brand';
    brand.href = homeUrl(settings);
    brand.textContent = 'AI Studio';
    brand.title = 'AI Studio home';
    brand.setAttribute('aria-label', 'AI Studio home');

    const path = document.createElement('nav');
    path.className = 'aistudio-path';
    path.setAttribute('aria-label', 'Notebook path');
    path.appendChild(notebookIcon.element({ tag: 'span', className: 'aistudio-path-icon', elementSize: 'normal' }));
    this.folderNode = document.createElement('span');
    this.folderNode.className = 'aistudio-path-folder';
    this.nameButton = document.createElement('button');
    this.nameButton.type = 'button';
    this.nameButton.className = 'aistudio-notebook-name';
    this.nameButton.dataset.command = 'rename';
    this.nameButton.addEventListener('click', onRename);
    path.append(this.folderNode, this.nameButton);

    this.saveStateNode = document.createElement('span');
    this.saveStateNode.className = 'aistudio-save-state';
    this.saveStateNode.setAttribute('role', 'status');
    this.saveStateNode.setAttribute('aria-live', 'polite');

    const user = document.createElement('span');
    user.className = 'aistudio-user';
    if (settings.userName) {
      user.textContent = settings.userName;
      user.title = `Signed in as ${settings.userName}`;
    }

    this.node.append(brand, path, this.saveStateNode, user);
    this.setPath(settings.notebookPath);
  }

  setPath(path: string): void {
    const name = PathExt.basename(path);
    const folder = PathExt.dirname(path);
    this.folderNode.textContent = folder ? `${folder}/` : '';
    this.folderNode.title = folder;
    this.nameButton.textContent = name || 'Untitled';
    this.nameButton.title = `Rename ${name}`;
    this.nameButton.setAttribute('aria-label', `Rename notebook ${name}`);
  }

  setSaveState(state: 'saved' | 'dirty' | 'saving' | 'failed', text: string): void {
    this.saveStateNode.dataset.state = state;
    this.saveStateNode.textContent = text;
  }

  /**
   * Keeps the header, the window title and the address bar in step with the document: its name (after a rename),
   * unsaved changes, saves in progress and failed saves.
   */
  follow(context: DocumentRegistry.Context): void {
    const showState = (): void => {
      const dirty = context.isReady && context.model.dirty;
      document.title = `${dirty ? '● ' : ''}${PathExt.basename(context.path)} - AI Studio`;
      if (!context.isReady) {
        // Nothing loaded yet (or it failed to load): nothing to say about saving.
        this.setSaveState('saved', '');
        return;
      }
      if (context.model.dirty) {
        this.setSaveState('dirty', 'Unsaved changes');
      } else if (this.saveStateNode.dataset.state !== 'failed') {
        this.setSaveState('saved', lastSaved(context));
      }
    };
    context.model.stateChanged.connect((_, change) => {
      if (change.name === 'dirty') {
        showState();
      }
    });
    context.saveState.connect((_, state) => {
      if (state === 'started') {
        this.setSaveState('saving', 'Saving…');
      } else if (state === 'completed') {
        this.setSaveState('saved', lastSaved(context));
        showState();
      } else if (state === 'failed') {
        this.setSaveState('failed', 'Save failed');
      }
    });
    context.pathChanged.connect((_, path) => {
      this.setPath(path);
      showState();
      const url = notebookUrl(this.settings, path);
      if (window.location.pathname !== url) {
        window.history.replaceState(window.history.state, '', url);
      }
    });
    void context.ready.then(showState);
    this.setPath(context.path);
    showState();
  }
}

function lastSaved(context: DocumentRegistry.Context): string {
  const modified = context.contentsModel?.last_modified;
  if (!modified) {
    return '';
  }
  const date = new Date(modified);
  const today = date.toDateString() === new Date().toDateString();
  const when = today
    ? date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  return `Saved ${when}`;
}
