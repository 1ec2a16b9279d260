import {
  CompletionProviderManager,
  ContextCompleterProvider,
  KernelCompleterProvider
} from '@jupyterlab/completer';
import { Text } from '@jupyterlab/coreutils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { IRenderMime } from '@jupyterlab/rendermime';
import { Tooltip } from '@jupyterlab/tooltip';
import { Widget } from '@lumino/widgets';

/** How long the kernel may take to answer a completion request. */
const PROVIDER_TIMEOUT_MS = 3000;

/**
 * Tab completion from the kernel (`complete_request`, plus words from the notebook itself), wired the way
 * JupyterLab's completer and notebook extensions do: one completion handler per notebook panel, told about the
 * active cell's editor and the session whenever either changes.
 */
export class NotebookCompletion {
  readonly manager = new CompletionProviderManager();
  private updating: Promise<void> = Promise.resolve();

  constructor(
    private readonly panel: NotebookPanel,
    private readonly sanitizer: IRenderMime.ISanitizer
  ) {
    // JupyterLab's completer settings, which this page has no store for. The timeout is how long a provider may
    // take before its answer is dropped (JupyterLab's default is 1 s; a C# kernel's first completions take longer).
    this.manager.setTimeout(PROVIDER_TIMEOUT_MS);
    this.manager.setShowDocumentationPanel(false);
    this.manager.setContinuousHinting(false);
    this.manager.setSuppressIfInlineCompleterActive(true);
    this.manager.registerProvider(new KernelCompleterProvider());
    this.manager.registerProvider(new ContextCompleterProvider());
    panel.content.activeCellChanged.connect(this.update, this);
    panel.sessionContext.sessionChanged.connect(this.update, this);
    panel.sessionContext.kernelChanged.connect(this.update, this);
    void panel.context.ready.then(() => this.update());
  }

  /** Shows the completions at the cursor (Tab). */
  invoke(): void {
    this.manager.invoke(this.panel.id);
  }

  /** Takes the highlighted completion (Enter while the list is open). */
  select(): void {
    this.manager.select(this.panel.id);
  }

  private update(): void {
    // One at a time: the manager makes the panel's completion handler on the first update, asynchronously, and two
    // overlapping first updates would make two handlers fighting over one editor.
    this.updating = this.updating
      .then(() => {
        if (this.panel.isDisposed) {
          return;
        }
        return this.manager.updateCompleter({
          widget: this.panel,
          editor: this.panel.content.activeCell?.editor ?? null,
          session: this.panel.sessionContext.session,
          sanitizer: this.sanitizer
        });
      })
      .catch(reason => console.error('Could not update the completer', reason));
  }
}

/**
 * Shift+Tab: the kernel's `inspect_reply` for the code at the cursor, shown in JupyterLab's tooltip next to it (as
 * JupyterLab's tooltip extension does). It closes on the next key or click outside it.
 */
export class NotebookInspector {
  private tooltip: Tooltip | null = null;
  private pending = 0;

  constructor(private readonly panel: NotebookPanel) {}

  async inspect(): Promise<void> {
    this.dismiss();
    const request = ++this.pending;
    const cell = this.panel.content.activeCell;
    const editor = cell?.editor;
    const kernel = this.panel.sessionContext.session?.kernel;
    if (!cell || cell.model.type !== 'code' || !editor || !kernel) {
      return;
    }
    const code = editor.model.sharedModel.getSource();
    const position = editor.getCursorPosition();
    const offset = Text.jsIndexToCharIndex(editor.getOffsetAt(position), code);
    const reply = await kernel.requestInspect({ code, cursor_pos: offset, detail_level: 0 });
    const content = reply.content;
    // A newer request, or the person moved on (another cell, or typed and so closed the last tooltip).
    if (request !== this.pending || this.panel.content.activeCell !== cell || this.panel.isDisposed) {
      return;
    }
    if (content.status !== 'ok' || !content.found) {
      return;
    }
    this.tooltip = new Tooltip({
      anchor: this.panel.content,
      bundle: content.data,
      editor,
      rendermime: this.panel.content.rendermime,
      position
    });
    Widget.attach(this.tooltip, document.body);
  }

  dismiss(): void {
    if (this.tooltip && !this.tooltip.isDisposed) {
      this.tooltip.dispose();
    }
    this.tooltip = null;
  }
}
