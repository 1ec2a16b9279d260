import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import type { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { Widget } from '@lumino/widgets';

/** Plotly's figure MIME type: `{data, layout, config}`, as Plotly.NET, plotly.py and JupyterLab's plotly renderer use it. */
export const PLOTLY_MIME = 'application/vnd.plotly.v1+json';

interface IPlotly {
  react(node: HTMLElement, data: unknown[], layout: unknown, config: unknown): Promise<unknown>;
  purge(node: HTMLElement): void;
  Plots: { resize(node: HTMLElement): void };
}

interface IFigure {
  data?: unknown[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

let loading: Promise<IPlotly> | undefined;

/**
 * plotly.js (4.5 MB) is served by the hub from its own bundle folder and loaded on the first chart only: pages
 * without charts never pay for it, and nothing comes from a CDN.
 */
function loadPlotly(): Promise<IPlotly> {
  const existing = (window as unknown as { Plotly?: IPlotly }).Plotly;
  if (existing) {
    return Promise.resolve(existing);
  }
  loading ??= new Promise<IPlotly>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = URLExt.join(PageConfig.getBaseUrl(), 'build', 'plotly.min.js');
    script.async = true;
    script.onload = () => {
      const plotly = (window as unknown as { Plotly?: IPlotly }).Plotly;
      if (plotly) {
        resolve(plotly);
      } else {
        reject(new Error('plotly.min.js loaded but defined no Plotly'));
      }
    };
    script.onerror = () => {
      loading = undefined;
      reject(new Error(`Could not load ${script.src}`));
    };
    document.head.appendChild(script);
  });
  return loading;
}

/** Draws a Plotly figure output; resizes with its cell; says so in the output when plotly.js cannot be loaded. */
class PlotlyRenderer extends Widget implements IRenderMime.IRenderer {
  private plotly: IPlotly | undefined;

  constructor() {
    super();
    this.addClass('aistudio-plotly');
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const figure = (model.data[PLOTLY_MIME] ?? {}) as IFigure;
    try {
      this.plotly = await loadPlotly();
      await this.plotly.react(this.node, figure.data ?? [], { autosize: true, ...(figure.layout ?? {}) }, {
        responsive: true,
        displaylogo: false,
        ...(figure.config ?? {})
      });
    } catch (reason) {
      this.node.textContent = `The chart could not be drawn: ${reason instanceof Error ? reason.message : String(reason)}`;
      this.node.classList.add('aistudio-plotly-error');
    }
  }

  protected onResize(): void {
    if (this.plotly && this.isVisible) {
      this.plotly.Plots.resize(this.node);
    }
  }

  dispose(): void {
    if (this.plotly && !this.isDisposed) {
      this.plotly.purge(this.node);
    }
    super.dispose();
  }
}

/** Figures are data, not code: safe to draw in untrusted notebooks too. Preferred over the figure's text/html fallback. */
export const plotlyRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [PLOTLY_MIME],
  defaultRank: 0,
  createRenderer: () => new PlotlyRenderer()
};
