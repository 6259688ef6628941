// Imported by ../runner.mjs for the CI set's and the sweep's releases: a dynamic import() resolves a bare
// specifier from the folder of the module that calls it, so this one finds ./node_modules.
export const load = (name) => import(name);
