import type { ISessionContext } from '@jupyterlab/apputils';

import type { BannerArea } from './banners';
import { DEFAULT_KERNEL_NAME } from './config';
import { KernelDeathWatch, normalizeKernelStatus } from './kernelstatus';

const DEAD_BANNER = 'kernel-dead';
const REFUSED_BANNER = 'kernel-refused';

/**
 * The kernel's life as the page shows it: a banner with a Restart button when the kernel dies (the hub sends an iopub
 * `status: dead` with no parent when a kernel exits or is killed), a banner with the hub's message when it refuses to
 * start one (for instance a plan's quota), and a restart that works for a dead kernel too.
 */
export class KernelLifecycle {
  constructor(
    private readonly sessionContext: ISessionContext,
    private readonly dialogs: ISessionContext.IDialogs,
    private readonly banners: BannerArea
  ) {
    // First, so it has heard of a death before this asks.
    KernelDeathWatch.for(sessionContext);
    sessionContext.statusChanged.connect(this.onStatusChanged, this);
  }

  get isDead(): boolean {
    return KernelDeathWatch.for(this.sessionContext).isDead;
  }

  /**
   * Restarts the kernel after asking (JupyterLab's "Restart Kernel?" dialog); a dead kernel cannot be restarted
   * over its old connection, so the notebook gets a new session with a kernel of the same kind, without asking.
   */
  async restart(): Promise<void> {
    if (this.isDead) {
      await this.startAgain();
      return;
    }
    await this.dialogs.restart(this.sessionContext);
  }

  /** Asks which kernel to use (JupyterLab's kernel selection dialog, listing /api/kernelspecs). */
  async selectKernel(): Promise<void> {
    await this.dialogs.selectKernel(this.sessionContext);
  }

  async interrupt(): Promise<void> {
    const kernel = this.sessionContext.session?.kernel;
    if (kernel && !this.isDead) {
      await kernel.interrupt();
    }
  }

  /** The hub refused to start a kernel (POST /api/sessions, or a kernel change, answered with an error). */
  showRefused(message: string): void {
    this.banners.show(REFUSED_BANNER, {
      kind: 'error',
      message: `The kernel could not be started: ${message}`,
      actions: [{ id: 'change-kernel', label: 'Choose a kernel', onClick: () => void this.selectKernel() }]
    });
  }

  private async startAgain(): Promise<void> {
    const sessionContext = this.sessionContext;
    const name =
      sessionContext.session?.kernel?.name || sessionContext.kernelPreference.name || DEFAULT_KERNEL_NAME;
    this.banners.hide(DEAD_BANNER);
    // The hub forgets a session whose kernel is gone, so the old session cannot be given a new kernel: end it here
    // (a session the hub no longer knows ends without error) and start a new one for this notebook.
    try {
      await sessionContext.shutdown();
    } catch (reason) {
      console.warn('Could not end the dead kernel’s session', reason);
    }
    // Errors are shown by the session context ("Error Starting Kernel") and, for a refusal, by the banner above.
    await sessionContext.changeKernel({ name }).catch(reason => console.warn('Could not start a new kernel', reason));
  }

  private onStatusChanged(): void {
    const state = normalizeKernelStatus(this.sessionContext.kernelDisplayStatus);
    if (this.isDead) {
      this.banners.show(DEAD_BANNER, {
        kind: 'error',
        message: 'The kernel has died. Outputs stay in the notebook; restart the kernel to run code again.',
        actions: [{ id: 'restart', label: 'Restart kernel', onClick: () => void this.restart() }]
      });
    } else if (state === 'idle' || state === 'busy') {
      this.banners.hide(DEAD_BANNER);
      this.banners.hide(REFUSED_BANNER);
    }
  }
}
