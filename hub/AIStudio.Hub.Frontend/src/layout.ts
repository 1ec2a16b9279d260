import type { IDocumentWidgetOpener } from '@jupyterlab/docmanager';
import type { DocumentRegistry, IDocumentWidget } from '@jupyterlab/docregistry';
import { MessageLoop } from '@lumino/messaging';
import { type ISignal, Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';

/**
 * The whole window: the header, the banners, and the notebook below them filling the rest (the notebook scrolls,
 * the page does not). Built in the shell page's `#aistudio-notebook`, or in a new element if the page has none.
 */
export class PageLayout {
  readonly host: HTMLElement;
  readonly main: HTMLElement;
  private readonly widgets: Widget[] = [];

  constructor(header: HTMLElement, banners: HTMLElement) {
    this.host = document.getElementById('aistudio-notebook') ?? document.body.appendChild(document.createElement('div'));
    this.host.id = 'aistudio-notebook';
    this.host.classList.add('aistudio-app', 'jp-ThemedContainer');
    this.main = document.createElement('main');
    this.main.className = 'aistudio-main';
    this.main.setAttribute('aria-label', 'Notebook');
    this.host.replaceChildren(header, banners, this.main);
    // Lumino widgets lay themselves out on resize messages, which nothing sends outside a JupyterLab shell.
    new ResizeObserver(() => this.fit()).observe(this.main);
  }

  attach(widget: Widget): void {
    if (!widget.isAttached) {
      Widget.attach(widget, this.main);
      this.widgets.push(widget);
      widget.disposed.connect(() => this.widgets.splice(this.widgets.indexOf(widget), 1));
    }
    this.fit();
  }

  fit(): void {
    for (const widget of this.widgets) {
      MessageLoop.sendMessage(widget, Widget.ResizeMessage.UnknownSize);
    }
  }
}

/** Where the document manager puts the widgets it opens: into the page. */
export class PageOpener implements IDocumentWidgetOpener {
  private readonly openedSignal = new Signal<this, IDocumentWidget>(this);

  constructor(private readonly layout: PageLayout) {}

  get opened(): ISignal<this, IDocumentWidget> {
    return this.openedSignal;
  }

  open(widget: IDocumentWidget, _options?: DocumentRegistry.IOpenOptions): void {
    this.layout.attach(widget);
    this.openedSignal.emit(widget);
  }
}
