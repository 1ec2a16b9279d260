/** One action a banner offers: a button, or a link when `href` is given. */
export interface IBannerAction {
  readonly label: string;
  /** A stable hook for tests: `data-action` on the button or link. */
  readonly id: string;
  readonly href?: string;
  readonly onClick?: () => void;
}

export interface IBannerOptions {
  readonly kind: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly actions?: ReadonlyArray<IBannerAction>;
  /** Whether the person may close it (default true). */
  readonly dismissible?: boolean;
}

/**
 * The strip of banners between the header and the notebook: things that stay true until someone acts (signed out,
 * kernel dead, kernel refused), where a dialog would be gone too soon. One banner per key; showing a key again
 * replaces its banner. (The notebook below resizes itself when banners come and go.)
 */
export class BannerArea {
  readonly node: HTMLElement;

  constructor() {
    this.node = document.createElement('div');
    this.node.className = 'aistudio-banners';
  }

  show(key: string, options: IBannerOptions): HTMLElement {
    const banner = document.createElement('div');
    banner.className = `aistudio-banner aistudio-banner-${options.kind}`;
    banner.dataset.banner = key;
    banner.dataset.kind = options.kind;
    banner.setAttribute('role', options.kind === 'info' ? 'status' : 'alert');

    const message = document.createElement('span');
    message.className = 'aistudio-banner-message';
    message.textContent = options.message;
    banner.appendChild(message);

    for (const action of options.actions ?? []) {
      banner.appendChild(this.createAction(action));
    }
    if (options.dismissible ?? true) {
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'aistudio-banner-close';
      close.dataset.action = 'dismiss';
      close.setAttribute('aria-label', 'Dismiss this message');
      close.title = 'Dismiss';
      close.textContent = '×';
      close.addEventListener('click', () => this.hide(key));
      banner.appendChild(close);
    }

    const existing = this.find(key);
    if (existing) {
      existing.replaceWith(banner);
    } else {
      this.node.appendChild(banner);
    }
    return banner;
  }

  hide(key: string): void {
    const existing = this.find(key);
    if (existing) {
      existing.remove();
    }
  }

  has(key: string): boolean {
    return this.find(key) !== null;
  }

  private find(key: string): HTMLElement | null {
    for (const child of Array.from(this.node.children)) {
      if (child instanceof HTMLElement && child.dataset.banner === key) {
        return child;
      }
    }
    return null;
  }

  private createAction(action: IBannerAction): HTMLElement {
    if (action.href !== undefined) {
      const link = document.createElement('a');
      link.className = 'aistudio-banner-action';
      link.href = action.href;
      link.dataset.action = action.id;
      link.textContent = action.label;
      return link;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'aistudio-banner-action jp-mod-styled jp-mod-accept';
    button.dataset.action = action.id;
    button.textContent = action.label;
    button.addEventListener('click', () => action.onClick?.());
    return button;
  }
}
