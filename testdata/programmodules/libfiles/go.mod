module example.com/libfiles

go 1.26
