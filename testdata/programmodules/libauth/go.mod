module example.com/libauth

go 1.26
