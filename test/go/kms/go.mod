module errcat.test/kms

go 1.23

require github.com/errcat/errcat/out/kms/go v0.0.0

require google.golang.org/protobuf v1.36.10

replace github.com/errcat/errcat/out/kms/go => ../../../out/kms/go
