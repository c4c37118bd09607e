module errcat.test/doccheck

go 1.21
