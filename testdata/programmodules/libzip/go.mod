module example.com/libzip

go 1.26
