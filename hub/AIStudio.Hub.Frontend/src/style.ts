// The page's styles, in the order JupyterLab's own examples load them: the widget toolkit, then the
// component packages (each `style/index.js` imports the styles of the packages it builds on, so esbuild keeps
// one copy of each), then the light theme's variables, then this page's layout.
import { addJupyterLabThemeChangeListener } from '@jupyter/web-components';

import '@jupyterlab/ui-components/style/index.js';
import '@jupyterlab/apputils/style/index.js';
// Only the dialog button styles (accept/reject/warn) of the JupyterLab shell; the rest of it is for its dock panels.
import '@jupyterlab/application/style/buttons.css';
import '@jupyterlab/codemirror/style/index.js';
import '@jupyterlab/completer/style/index.js';
import '@jupyterlab/tooltip/style/index.js';
import '@jupyterlab/rendermime/style/index.js';
import '@jupyterlab/notebook/style/index.js';
// MathJax's TeX fonts, bundled (no CDN); its index.js would also bring the JupyterLab shell's styles and Font Awesome.
import '@jupyterlab/mathjax-extension/style/base.css';
import '@jupyterlab/theme-light-extension/style/theme.css';

import './style.css';

/**
 * Marks the document with the light theme the way JupyterLab's theme manager does, so that JupyterLab's styles
 * (scoped to `.jp-ThemedContainer`) and the Jupyter web components (toolbar buttons, selects) use it.
 */
export function applyLightTheme(): void {
  const body = document.body;
  body.classList.add('jp-ThemedContainer');
  body.dataset.jpThemeName = 'JupyterLab Light';
  body.dataset.jpThemeLight = 'true';
  body.dataset.jpThemeScrollbars = 'false';
  // Reads the --jp-* variables into the web components' design tokens now and whenever the attributes change.
  addJupyterLabThemeChangeListener();
}
