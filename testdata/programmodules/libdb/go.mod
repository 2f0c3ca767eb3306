module example.com/libdb

go 1.26
