// AI Studio's notebook page: JupyterLab's notebook editor (its own packages: services, document manager, notebook
// widget, CodeMirror editors, renderers, completer, dialogs) in a page of the hub's, at /notebooks/{path}.
import { applyLightTheme } from './style';

import { type ISessionContext, SessionContextDialogs } from '@jupyterlab/apputils';
import { DocumentManager } from '@jupyterlab/docmanager';
import { DocumentRegistry } from '@jupyterlab/docregistry';
import {
  NotebookModelFactory,
  NotebookPanel,
  NotebookWidgetFactory,
  StaticNotebook
} from '@jupyterlab/notebook';
import { ServiceManager } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { PromiseDelegate } from '@lumino/coreutils';

import { BannerArea } from './banners';
import { addCommands, CommandIDs } from './commands';
import { NotebookCompletion, NotebookInspector } from './completion';
import { homeUrl, type IPageSettings, readPageSettings } from './config';
import { downloadNotebook } from './download';
import { PageDocumentDialogs } from './docdialogs';
import { createEditorServices } from './editor';
import { PageHeader } from './header';
import { KernelLifecycle } from './kernel';
import { PageLayout, PageOpener } from './layout';
import { ServerProblems } from './problems';
import { createRendermime } from './rendermime';
import { createServerSettings } from './server';
import { addShortcuts } from './shortcuts';
import { createToolbarItems } from './toolbar';

/** The name of the notebook widget factory. */
const FACTORY = 'Notebook';
/** How long `window.aistudio.ready` waits for a kernel before it resolves anyway. */
const KERNEL_WAIT_MS = 120_000;

/** Handles for end-to-end tests and the browser console: `window.aistudio`. */
export interface IAIStudioPage {
  readonly settings: IPageSettings;
  readonly serviceManager: ServiceManager.IManager;
  readonly docManager: DocumentManager;
  readonly commands: CommandRegistry;
  /** The open notebook (null when the page names none). */
  readonly notebookPanel: NotebookPanel | null;
  readonly sessionContext: ISessionContext | null;
  /** Tab completion for the open notebook (null when the page names none). */
  readonly completion: NotebookCompletion | null;
  /** Resolves once the notebook is open (or failed to open) and its kernel is ready, failed, or not coming. */
  readonly ready: Promise<void>;
}

declare global {
  interface Window {
    aistudio?: IAIStudioPage;
  }
}

function main(): void {
  applyLightTheme();
  const settings = readPageSettings();
  const translator = nullTranslator;
  const commands = new CommandRegistry();

  const banners = new BannerArea();
  const header = new PageHeader(settings, () => void commands.execute(CommandIDs.rename));
  const layout = new PageLayout(header.node, banners.node);

  // Set once the notebook is opening; the server's problems may arrive before.
  let panel: NotebookPanel | null = null;
  let kernel: KernelLifecycle | null = null;
  let docManager: DocumentManager | null = null;
  const kernelFailed = new PromiseDelegate<void>();
  const problems = new ServerProblems(settings, banners, {
    signedOut: () => {
      if (docManager) {
        docManager.autosave = false;
      }
    },
    kernelRefused: message => {
      kernel?.showRefused(message);
      kernelFailed.resolve();
    },
    download: () => {
      if (panel && !panel.isDisposed) {
        downloadNotebook(panel.context);
      }
    }
  });

  const serviceManager = new ServiceManager({
    serverSettings: createServerSettings(failure => problems.handle(failure))
  });
  serviceManager.connectionFailure.connect(() => problems.connectionLost());

  const editorServices = createEditorServices(translator);
  const rendermime = createRendermime(editorServices.languages, translator);
  const sessionDialogs = new SessionContextDialogs({ translator });

  const registry = new DocumentRegistry({ translator });
  // Document-wide undo, so that Z in command mode undoes cell operations (insert, delete, move, change type).
  registry.addModelFactory(new NotebookModelFactory({ disableDocumentWideUndoRedo: false }));
  registry.addWidgetFactory(
    new NotebookWidgetFactory({
      name: FACTORY,
      label: 'Notebook',
      modelName: 'notebook',
      fileTypes: ['notebook'],
      defaultFor: ['notebook'],
      preferKernel: true,
      canStartKernel: true,
      // Leaving the page keeps the kernel running on the hub, as closing a JupyterLab tab does.
      shutdownOnClose: false,
      rendermime,
      contentFactory: new NotebookPanel.ContentFactory({
        editorFactory: editorServices.factoryService.newInlineEditor
      }),
      mimeTypeService: editorServices.mimeTypeService,
      editorConfig: StaticNotebook.defaultEditorConfig,
      // Every cell in the DOM (no virtual scrolling): predictable for find-in-page and for tests.
      notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: 'none' },
      toolbarFactory: (widget: NotebookPanel) => createToolbarItems(widget, commands, sessionDialogs, translator),
      translator
    })
  );

  docManager = new DocumentManager({
    registry,
    manager: serviceManager,
    opener: new PageOpener(layout),
    sessionDialogs,
    docManagerDialogs: new PageDocumentDialogs(() => panel?.context.isReady ?? false, translator),
    translator
  });
  docManager.autosave = true;
  docManager.autosaveInterval = settings.autosaveInterval;

  const page = {
    settings,
    serviceManager,
    docManager,
    commands,
    notebookPanel: null as NotebookPanel | null,
    sessionContext: null as ISessionContext | null,
    completion: null as NotebookCompletion | null,
    ready: Promise.resolve()
  };
  window.aistudio = page;

  if (!settings.notebookPath) {
    banners.show('no-notebook', {
      kind: 'error',
      message: 'This page does not say which notebook to open.',
      actions: [{ id: 'home', label: 'Back to AI Studio', href: homeUrl(settings) }],
      dismissible: false
    });
    return;
  }

  // The notebook's own kernelspec when it has one (the document context reads it from the notebook's metadata),
  // otherwise AI Studio's C# kernel. No "always start the preferred kernel" checkbox: there is no settings store.
  const opened = docManager.open(settings.notebookPath, FACTORY, undefined, undefined, {
    name: settings.defaultKernelName,
    shouldStart: true,
    canStart: true,
    autoStartDefault: undefined
  });
  if (!(opened instanceof NotebookPanel)) {
    banners.show('open-failed', {
      kind: 'error',
      message: `${settings.notebookPath} cannot be opened as a notebook.`,
      actions: [{ id: 'home', label: 'Back to AI Studio', href: homeUrl(settings) }],
      dismissible: false
    });
    return;
  }
  panel = opened;
  const context = panel.context;
  const sessionContext = panel.sessionContext;
  page.notebookPanel = panel;
  page.sessionContext = sessionContext;

  header.follow(context);
  context.saveState.connect((_, state) => {
    if (state === 'completed') {
      problems.saved();
    }
  });
  kernel = new KernelLifecycle(sessionContext, sessionDialogs, banners);
  sessionContext.statusChanged.connect((_, status) => {
    if (status === 'dead') {
      kernelFailed.resolve();
    }
  });
  const completion = new NotebookCompletion(panel, rendermime.sanitizer);
  page.completion = completion;
  const inspector = new NotebookInspector(panel);
  addCommands(commands, { panel, docManager, kernel, sessionDialogs, completion, inspector, translator });
  addShortcuts(commands);

  window.addEventListener('beforeunload', event => {
    if (!context.isDisposed && context.model.dirty) {
      event.preventDefault();
      // Older browsers want a return value to show the "Leave site?" prompt.
      event.returnValue = '';
    }
  });

  const notebookPanel = panel;
  page.ready = (async () => {
    const isOpen = await whenOpen(notebookPanel);
    if (!isOpen) {
      const detail = problems.contentsError ? `: ${problems.contentsError}` : '.';
      banners.show('open-failed', {
        kind: 'error',
        message: `The notebook ${settings.notebookPath} could not be opened${detail}`,
        actions: [{ id: 'home', label: 'Back to AI Studio', href: homeUrl(settings) }],
        dismissible: false
      });
      return;
    }
    notebookPanel.activate();
    await whenKernelSettled(sessionContext, kernelFailed.promise);
  })().catch(reason => console.error('The notebook page did not start', reason));
}

/** True once the notebook's contents are loaded; false if the document manager gave up (and closed the panel). */
function whenOpen(panel: NotebookPanel): Promise<boolean> {
  return new Promise<boolean>(resolve => {
    if (panel.isDisposed) {
      resolve(false);
      return;
    }
    panel.disposed.connect(() => resolve(false));
    panel.context.ready.then(
      () => resolve(!panel.isDisposed),
      () => resolve(false)
    );
  });
}

/** Resolves when the kernel has answered kernel_info, or failed, or is not coming, or after KERNEL_WAIT_MS. */
async function whenKernelSettled(sessionContext: ISessionContext, failed: Promise<void>): Promise<void> {
  const timeout = new Promise<void>(resolve => window.setTimeout(resolve, KERNEL_WAIT_MS));
  await Promise.race([sessionContext.ready, failed, timeout]);
  const kernel = sessionContext.session?.kernel;
  if (kernel && !kernel.isDisposed) {
    await Promise.race([kernel.info.then(noop, noop), failed, timeout]);
  }
}

function noop(): void {
  // Nothing to do.
}

main();
