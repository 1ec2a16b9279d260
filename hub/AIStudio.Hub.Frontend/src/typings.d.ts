// esbuild bundles these; TypeScript only needs to know they exist.
declare module '*.css';
declare module '*.svg' {
  const svg: string;
  export default svg;
}
