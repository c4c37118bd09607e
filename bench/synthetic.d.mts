/** Types for synthetic.mjs, which the tests import as well as the benchmark. */
export declare function syntheticCatalog(size: number): string;
