import type { ISessionContext } from '@jupyterlab/apputils';
import type { Kernel } from '@jupyterlab/services';
import { circleEmptyIcon, circleIcon, type LabIcon, offlineBoltIcon } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';

/** The states the indicator shows (`data-status`), whatever finer state JupyterLab reports. */
export type KernelState = 'idle' | 'busy' | 'starting' | 'restarting' | 'dead' | 'unknown';

/** JupyterLab's kernel display status (kernel status, connection status, or session state) → the indicator's state. */
export function normalizeKernelStatus(status: string): KernelState {
  switch (status) {
    case 'idle':
    case 'busy':
    case 'starting':
    case 'restarting':
    case 'dead':
      return status;
    case 'autorestarting':
      return 'restarting';
    case 'initializing':
    case 'connecting':
      return 'starting';
    default:
      // '', 'unknown', 'disconnected', 'terminating'
      return 'unknown';
  }
}

/**
 * Remembers that the kernel died. Once dead, JupyterLab disposes the kernel's connection and the session context
 * reports it as "unknown"; the page keeps saying "dead" until the notebook has another kernel.
 */
export class KernelDeathWatch {
  private static readonly watches = new WeakMap<ISessionContext, KernelDeathWatch>();
  /** The kernel that died, or null when none did (or it has been replaced). */
  private deadKernel: Kernel.IKernelConnection | null = null;

  /** The one watch of a session context. */
  static for(sessionContext: ISessionContext): KernelDeathWatch {
    let watch = KernelDeathWatch.watches.get(sessionContext);
    if (!watch) {
      watch = new KernelDeathWatch(sessionContext);
      KernelDeathWatch.watches.set(sessionContext, watch);
    }
    return watch;
  }

  private constructor(private readonly sessionContext: ISessionContext) {
    sessionContext.statusChanged.connect((_, status) => {
      if (status === 'dead') {
        this.deadKernel = sessionContext.session?.kernel ?? null;
      }
    });
  }

  /** Whether the notebook's kernel is the one that died. */
  get isDead(): boolean {
    const kernel = this.sessionContext.session?.kernel ?? null;
    if (kernel !== null && kernel === this.deadKernel) {
      return true;
    }
    return normalizeKernelStatus(this.sessionContext.kernelDisplayStatus) === 'dead';
  }
}

const LABELS: Record<string, string> = {
  idle: 'Idle',
  busy: 'Busy',
  starting: 'Starting',
  initializing: 'Starting',
  connecting: 'Connecting',
  restarting: 'Restarting',
  autorestarting: 'Restarting',
  dead: 'Dead',
  disconnected: 'Disconnected',
  terminating: 'Shutting down'
};

const ICONS: Record<KernelState, LabIcon> = {
  idle: circleEmptyIcon,
  busy: circleIcon,
  starting: circleIcon,
  restarting: circleIcon,
  dead: offlineBoltIcon,
  unknown: offlineBoltIcon
};

/**
 * The kernel status indicator in the toolbar, `#aistudio-kernel-status[data-status]`: an icon and the status as
 * text, announced politely to screen readers.
 */
export class KernelStatusIndicator extends Widget {
  private readonly iconNode: HTMLElement;
  private readonly textNode: HTMLElement;
  private state: KernelState | null = null;

  constructor(private readonly sessionContext: ISessionContext) {
    super();
    // First, so it has heard of a death before this indicator asks.
    KernelDeathWatch.for(sessionContext);
    this.id = 'aistudio-kernel-status';
    this.addClass('aistudio-KernelStatus');
    this.node.setAttribute('role', 'status');
    this.node.setAttribute('aria-live', 'polite');
    this.iconNode = document.createElement('span');
    this.iconNode.className = 'aistudio-KernelStatus-icon';
    this.iconNode.setAttribute('aria-hidden', 'true');
    this.textNode = document.createElement('span');
    this.textNode.className = 'aistudio-KernelStatus-text';
    this.node.append(this.iconNode, this.textNode);

    sessionContext.statusChanged.connect(this.refresh, this);
    sessionContext.connectionStatusChanged.connect(this.refresh, this);
    sessionContext.kernelChanged.connect(this.refresh, this);
    sessionContext.sessionChanged.connect(this.refresh, this);
    this.refresh();
  }

  /** The state shown now. */
  get status(): KernelState {
    return this.state ?? 'unknown';
  }

  refresh(): void {
    if (this.isDisposed) {
      return;
    }
    const raw: string = this.sessionContext.isDisposed
      ? 'unknown'
      : KernelDeathWatch.for(this.sessionContext).isDead
        ? 'dead'
        : this.sessionContext.kernelDisplayStatus;
    const state = normalizeKernelStatus(raw);
    const hasKernel = !!this.sessionContext.session?.kernel;
    const label = LABELS[raw] ?? (hasKernel ? 'Unknown' : 'No kernel');
    this.node.dataset.status = state;
    this.node.title = `Kernel status: ${label}`;
    this.node.setAttribute('aria-label', `Kernel status: ${label}`);
    this.textNode.textContent = label;
    if (state !== this.state) {
      this.state = state;
      this.iconNode.replaceChildren(ICONS[state].element({ tag: 'span', elementSize: 'normal' }));
    }
  }

  dispose(): void {
    if (!this.isDisposed) {
      this.sessionContext.statusChanged.disconnect(this.refresh, this);
      this.sessionContext.connectionStatusChanged.disconnect(this.refresh, this);
      this.sessionContext.kernelChanged.disconnect(this.refresh, this);
      this.sessionContext.sessionChanged.disconnect(this.refresh, this);
    }
    super.dispose();
  }
}
