// Bundles the AI Studio notebook page (src/index.ts) with esbuild into the hub's static folder:
//   ../AIStudio.Hub/wwwroot/build/notebook.js, notebook.css, the fonts/images they use, and plotly.min.js (loaded on demand).
// Usage: node build.mjs            (production: minified, linked source maps)
//        node build.mjs --dev      (not minified, faster to read)
//        node build.mjs --analyze  (also lists what takes the most room in each output)
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, '../AIStudio.Hub/wwwroot/build');
const dev = process.argv.includes('--dev');
const analyze = process.argv.includes('--analyze');

/**
 * JupyterLab's CSS imports packages webpack-style: `@import url('~@jupyterlab/ui-components/style/index.css')`,
 * `url('~mathjax-full/es5/...woff')`. A leading `~` means "resolve as a package import".
 */
const tildeImports = {
  name: 'tilde-imports',
  setup(build) {
    build.onResolve({ filter: /^~/ }, async args => {
      const result = await build.resolve(args.path.slice(1), {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: args.pluginData
      });
      if (result.errors.length > 0) {
        return { errors: result.errors };
      }
      return result;
    });
  }
};

/**
 * SVG imported from JavaScript stays a string (JupyterLab's LabIcon takes the SVG text); SVG referenced from CSS
 * (`url(...)`) becomes a data URL, so no extra request and no path to get right.
 */
const svgLoader = {
  name: 'svg-loader',
  setup(build) {
    build.onResolve({ filter: /\.svg$/ }, async args => {
      if (args.kind !== 'url-token' || args.pluginData?.svgResolving) {
        return undefined;
      }
      const result = await build.resolve(args.path.replace(/^~/, ''), {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { svgResolving: true }
      });
      if (result.errors.length > 0) {
        return { errors: result.errors };
      }
      return { path: result.path, namespace: 'svg-dataurl' };
    });
    build.onLoad({ filter: /.*/, namespace: 'svg-dataurl' }, async args => ({
      contents: await fs.promises.readFile(args.path),
      loader: 'dataurl'
    }));
  }
};

/**
 * Mermaid (several MB) is only loaded by @jupyterlab/mermaid when a ```mermaid block is rendered with the mermaid
 * fenced-block renderer, which this page does not register. The markdown parser still imports the package for its
 * token, so its lazy `import('mermaid')` would pull the whole library into this single-file bundle: answer those
 * imports with a stub that fails if it is ever called.
 */
const mermaidStub = {
  name: 'mermaid-stub',
  setup(build) {
    build.onResolve({ filter: /^(mermaid|@mermaid-js\/[^/]+)(\/.*)?$/ }, args => ({
      path: args.path,
      namespace: 'mermaid-stub'
    }));
    build.onLoad({ filter: /.*/, namespace: 'mermaid-stub' }, args => ({
      contents: args.path.endsWith('package.json')
        ? 'export const version = "0.0.0"; export default { version };'
        : 'const unavailable = () => { throw new Error("Mermaid diagrams are not available on this page"); };\n' +
          'export default { initialize: unavailable, render: unavailable, run: unavailable, registerLayoutLoaders: unavailable };',
      loader: 'js'
    }));
  }
};

function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  }
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main() {
  const started = Date.now();
  // The folder is ours alone (git-ignored): start clean so hashed assets from older builds do not pile up.
  await fs.promises.rm(outdir, { recursive: true, force: true });
  await fs.promises.mkdir(outdir, { recursive: true });

  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { notebook: 'src/index.ts' },
    outdir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: !dev,
    sourcemap: 'linked',
    legalComments: 'external',
    charset: 'utf8',
    metafile: true,
    logLevel: 'warning',
    // Assets land next to notebook.css; CSS url()s stay relative, so they work wherever /build/ is served from.
    assetNames: '[name]-[hash]',
    loader: {
      '.svg': 'text',
      '.woff': 'file',
      '.woff2': 'file',
      '.ttf': 'file',
      '.eot': 'file',
      '.otf': 'file',
      '.png': 'file',
      '.gif': 'file',
      '.jpg': 'file',
      '.jpeg': 'file'
    },
    // Browser stand-ins for Node globals: React and others read NODE_ENV; a few packages write `global`; postcss
    // (via the HTML sanitizer) asks `Buffer ? Buffer.from(…) : window.atob(…)`, so no Buffer means the browser way.
    // MathJax's (CommonJS) loader computes a root from `__dirname`, as webpack's mock of it gives: "/". Their other
    // uses of `process` are behind `typeof process` checks.
    define: {
      'process.env.NODE_ENV': dev ? '"development"' : '"production"',
      global: 'globalThis',
      Buffer: 'undefined',
      __dirname: '"/"'
    },
    plugins: [tildeImports, svgLoader, mermaidStub]
  });

  // plotly.js as its own file, loaded by the page on its first chart (src/plotly.ts), not in the main bundle.
  await fs.promises.copyFile(path.join(here, 'node_modules/plotly.js-dist-min/plotly.min.js'), path.join(outdir, 'plotly.min.js'));
  // Gzip copies of the large files, served by the hub to browsers that accept gzip (no compression per request).
  for (const file of ['notebook.js', 'notebook.css', 'plotly.min.js']) {
    const bytes = await fs.promises.readFile(path.join(outdir, file));
    await fs.promises.writeFile(path.join(outdir, `${file}.gz`), zlib.gzipSync(bytes, { level: 9 }));
  }

  // Assets imported from JavaScript (not CSS) would get a path relative to the page, not to /build/: refuse them.
  const jsAssets = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith('.js'))
    .flatMap(([, output]) => output.imports ?? [])
    .filter(entry => entry.kind === 'file-loader');
  if (jsAssets.length > 0) {
    throw new Error(`assets imported from JavaScript need a public path: ${jsAssets.map(a => a.path).join(', ')}`);
  }

  const files = (await fs.promises.readdir(outdir)).sort();
  const rows = [];
  let total = 0;
  let assets = 0;
  for (const file of files) {
    const size = (await fs.promises.stat(path.join(outdir, file))).size;
    if (file.endsWith('.map') || file.endsWith('.LEGAL.txt') || file.endsWith('.gz')) {
      continue;
    }
    total += size;
    if (file === 'notebook.js' || file === 'notebook.css') {
      const gzip = zlib.gzipSync(await fs.promises.readFile(path.join(outdir, file)), { level: 9 }).length;
      rows.push(`  ${file.padEnd(16)} ${formatBytes(size).padStart(10)}  (gzip ${formatBytes(gzip)})`);
    } else {
      assets += size;
    }
  }
  const assetCount = files.filter(f => !/^notebook\.(js|css)$/.test(f) && !/\.(map|gz)$/.test(f) && !f.endsWith('.LEGAL.txt')).length;
  rows.push(`  ${`${assetCount} assets`.padEnd(16)} ${formatBytes(assets).padStart(10)}`);
  console.log(`Built ${path.relative(process.cwd(), outdir) || '.'} in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  console.log(rows.join('\n'));
  console.log(`  ${'total'.padEnd(16)} ${formatBytes(total).padStart(10)} (without source maps)`);
  if (analyze) {
    printLargestInputs(result.metafile);
  }
}

function printLargestInputs(metafile) {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!/\.(js|css)$/.test(file)) {
      continue;
    }
    console.log(`\n${path.basename(file)}, largest inputs:`);
    const byPackage = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match ? match[1] : input;
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
    for (const [name, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
      console.log(`  ${formatBytes(bytes).padStart(10)}  ${name}`);
    }
  }
}

main().catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
