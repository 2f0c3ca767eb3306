module example.com/app

go 1.26

require (
	example.com/libdb v0.0.0
	example.com/libhooks v0.0.0
	example.com/libjose v0.0.0
	example.com/libother v0.0.0
)

replace (
	example.com/libdb => ../libdb
	example.com/libhooks => ../libhooks
	example.com/libjose => ../libjose
	example.com/libother => ../libother
)
