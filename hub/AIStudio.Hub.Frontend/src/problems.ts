import type { BannerArea } from './banners';
import { type IPageSettings, loginUrl } from './config';
import { apiPath, type IFailedRequest } from './server';

/** What the page does about problems beyond telling the person. */
export interface IProblemActions {
  /** The session cookie is no longer accepted: stop autosaving into a wall of errors. */
  signedOut(): void;
  /** The hub refused to start a kernel, with its message. */
  kernelRefused(message: string): void;
  /** Saves the notebook to the person's computer instead. */
  download(): void;
}

/**
 * Turns failed requests to the hub into banners someone can act on. Dialogs for the request that failed are
 * JupyterLab's own (a failed save shows the hub's message, a refused kernel "Error Starting Kernel"); the banners
 * stay after the dialog is gone, for what stays true: signed out, not saved, no kernel.
 */
export class ServerProblems {
  private lastContentsError = '';

  constructor(
    private readonly settings: IPageSettings,
    private readonly banners: BannerArea,
    private readonly actions: IProblemActions
  ) {}

  /** The hub's message for the last failed read of a file, for the "could not open" banner. */
  get contentsError(): string {
    return this.lastContentsError;
  }

  handle(failure: IFailedRequest): void {
    const path = apiPath(failure.url, this.settings.baseUrl);
    const message = describe(failure);
    if (failure.status === 401) {
      this.signedOut();
    } else if (isKernelStart(failure, path)) {
      this.actions.kernelRefused(message);
    } else if (path.startsWith('api/contents/') && failure.method === 'PUT') {
      this.banners.show('save-failed', {
        kind: 'error',
        message: `The notebook was not saved: ${message}`,
        actions: [{ id: 'download', label: 'Download a copy', onClick: () => this.actions.download() }]
      });
    } else if (path.startsWith('api/contents/') && failure.method === 'GET') {
      this.lastContentsError = message;
    }
  }

  /** A save went through: whatever stopped the last one is over. */
  saved(): void {
    this.banners.hide('save-failed');
  }

  /** The hub could not be reached at all (network error on the kernel or session APIs). */
  connectionLost(): void {
    this.banners.show('connection', {
      kind: 'warning',
      message: 'AI Studio cannot be reached. Your changes are kept in this page; save again once it is back.'
    });
  }

  private signedOut(): void {
    if (this.banners.has('session-expired')) {
      return;
    }
    this.actions.signedOut();
    this.banners.show('session-expired', {
      kind: 'error',
      message: 'Your session has expired — sign in again. Unsaved changes stay in this page until you leave it.',
      actions: [{ id: 'sign-in', label: 'Sign in', href: loginUrl(this.settings) }],
      dismissible: false
    });
  }
}

/**
 * Starting a kernel: a new session or a bare kernel, or a session refused another kernel (a PATCH also renames a
 * session; only a refusal, 403, is about the kernel).
 */
function isKernelStart(failure: IFailedRequest, path: string): boolean {
  const { method, status } = failure;
  return (
    (method === 'POST' && (path === 'api/sessions' || path === 'api/kernels')) ||
    (method === 'PATCH' && path.startsWith('api/sessions/') && status === 403)
  );
}

function describe(failure: IFailedRequest): string {
  if (failure.message) {
    return failure.reason && !failure.message.includes(failure.reason)
      ? `${failure.reason}: ${failure.message}`
      : failure.message;
  }
  return failure.reason || `the server answered ${failure.status}`;
}
