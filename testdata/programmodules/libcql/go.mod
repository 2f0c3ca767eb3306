module example.com/libcql

go 1.26
