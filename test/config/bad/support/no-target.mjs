// A module that loads but exports no target: neither a default export nor `target` made by defineTarget.
export const name = "not-a-target";
export default { name: "csv", generate: () => [] };
