import { PageConfig, URLExt } from '@jupyterlab/coreutils';

/** The kernelspec a notebook without one of its own starts with. */
export const DEFAULT_KERNEL_NAME = 'aistudio-csharp';

/** What the hub's shell page tells the bundle, from `<script id="jupyter-config-data">` (read by PageConfig). */
export interface IPageSettings {
  /** The path of the hub's base URL, ending in `/` (usually just `/`). */
  readonly baseUrl: string;
  /** The notebook to open, relative to the user's contents root, e.g. `folder/x.ipynb`. */
  readonly notebookPath: string;
  readonly userName: string;
  readonly appVersion: string;
  /** The kernelspec to start when the notebook names none. */
  readonly defaultKernelName: string;
  /** Seconds between autosaves. */
  readonly autosaveInterval: number;
}

export function readPageSettings(): IPageSettings {
  // PageConfig makes the base URL absolute (http://host/); the page's own links only need its path.
  const baseUrl = URLExt.parse(PageConfig.getBaseUrl()).pathname;
  const interval = Number(PageConfig.getOption('autosaveInterval'));
  return {
    baseUrl,
    notebookPath: PageConfig.getOption('notebookPath') || pathFromLocation(baseUrl),
    userName: PageConfig.getOption('userName'),
    appVersion: PageConfig.getOption('appVersion'),
    defaultKernelName: PageConfig.getOption('defaultKernelName') || DEFAULT_KERNEL_NAME,
    autosaveInterval: Number.isFinite(interval) && interval > 0 ? interval : 120
  };
}

/** `/notebooks/{path}` → `{path}`, for a shell page that did not say which notebook it shows. */
function pathFromLocation(baseUrl: string): string {
  const prefix = URLExt.join(baseUrl, 'notebooks/');
  const here = window.location.pathname;
  return here.startsWith(prefix) ? decodeURIComponent(here.slice(prefix.length)) : '';
}

export function homeUrl(settings: IPageSettings): string {
  return URLExt.join(settings.baseUrl, 'hub/home');
}

/** The sign-in page, coming back to this page afterwards. */
export function loginUrl(settings: IPageSettings): string {
  const next = window.location.pathname + window.location.search + window.location.hash;
  return `${URLExt.join(settings.baseUrl, 'hub/login')}?next=${encodeURIComponent(next)}`;
}

/** The page that shows a notebook: `/notebooks/{path}`. */
export function notebookUrl(settings: IPageSettings, path: string): string {
  return URLExt.join(settings.baseUrl, 'notebooks', URLExt.encodeParts(path));
}
