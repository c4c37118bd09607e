module errcat.test/regexbatch

go 1.21
