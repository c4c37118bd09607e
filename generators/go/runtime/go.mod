module github.com/errcat/errcat/generators/go/runtime

go 1.21
