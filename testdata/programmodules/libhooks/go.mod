module example.com/libhooks

go 1.26
