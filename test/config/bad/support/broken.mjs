// A plugin that throws while it loads.
throw new Error("the plugin could not find its settings");
