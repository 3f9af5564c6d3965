/** Vite asset imports used by the components (`?url`: the bundled file's URL). */
declare module '*?url' {
  const url: string;
  export default url;
}
