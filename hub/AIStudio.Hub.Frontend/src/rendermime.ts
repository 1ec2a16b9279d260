import { Sanitizer } from '@jupyterlab/apputils';
import type { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { createMarkdownParser } from '@jupyterlab/markedparser-extension';
import { MathJaxTypesetter } from '@jupyterlab/mathjax-extension';
import { RenderMimeRegistry, standardRendererFactories } from '@jupyterlab/rendermime';
import type { ITranslator } from '@jupyterlab/translation';

import { plotlyRendererFactory } from './plotly';

/**
 * The renderers for outputs and Markdown cells: JupyterLab's standard MIME renderers (HTML, Markdown, LaTeX, images,
 * SVG, JavaScript for trusted outputs, plain text with ANSI colours) and Plotly figures (plotly.js from the hub), Markdown through `marked` with code blocks
 * highlighted by the editor's languages, math typeset by MathJax 3 from the bundle (no CDN), HTML sanitized.
 */
export function createRendermime(languages: IEditorLanguageRegistry, translator: ITranslator): RenderMimeRegistry {
  return new RenderMimeRegistry({
    initialFactories: [...standardRendererFactories, plotlyRendererFactory],
    // No fenced-block renderers: ```mermaid blocks show as code (Mermaid is not in the bundle).
    markdownParser: createMarkdownParser(languages, { blocks: [] }),
    latexTypesetter: new MathJaxTypesetter(),
    sanitizer: new Sanitizer(),
    translator
  });
}
