// A file's text, bundled at build (scripts/build.mjs) and by vitest: the report's stylesheet and page script.
declare module '*?raw' {
  const text: string;
  export default text;
}
