module example.com/libother

go 1.26
