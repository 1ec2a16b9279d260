import { ServerConnection } from '@jupyterlab/services';

/** A request to the hub that did not succeed, with the hub's JSON error body (`{"message", "reason"}`) when it sent one. */
export interface IFailedRequest {
  readonly method: string;
  readonly url: URL;
  readonly status: number;
  readonly message: string;
  readonly reason: string;
}

/**
 * Server settings for `@jupyterlab/services` (base and WebSocket URLs from PageConfig; the `_xsrf` cookie echoed as
 * `X-XSRFToken` by ServerConnection itself) whose fetch reports every failed response to `onFailure`, so the page can
 * react to a signed-out session or a refused kernel whichever part of JupyterLab made the request.
 */
export function createServerSettings(onFailure: (failure: IFailedRequest) => void): ServerConnection.ISettings {
  const nativeFetch = window.fetch.bind(window);
  const fetchAndWatch = async (input: RequestInfo, init?: RequestInit): Promise<Response> => {
    const response = await nativeFetch(input, init);
    if (!response.ok) {
      const request = input instanceof Request ? input : null;
      const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
      const url = new URL(request ? request.url : String(input), window.location.href);
      // Read a copy of the body: the caller (ServerConnection.ResponseError) reads the original.
      void readError(response.clone()).then(({ message, reason }) =>
        onFailure({ method, url, status: response.status, message, reason })
      );
    }
    return response;
  };
  return ServerConnection.makeSettings({ fetch: fetchAndWatch });
}

async function readError(response: Response): Promise<{ message: string; reason: string }> {
  try {
    const body = (await response.json()) as { message?: unknown; reason?: unknown };
    return {
      message: typeof body.message === 'string' ? body.message : '',
      reason: typeof body.reason === 'string' ? body.reason : ''
    };
  } catch {
    return { message: '', reason: '' };
  }
}

/** The path of a request below the base URL: `/api/sessions/…` → `api/sessions/…`. */
export function apiPath(url: URL, baseUrl: string): string {
  const base = new URL(baseUrl, window.location.href).pathname;
  return url.pathname.startsWith(base) ? url.pathname.slice(base.length) : url.pathname.replace(/^\//, '');
}
