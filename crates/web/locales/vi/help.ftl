### The help page (`/help`); each module brings its own topics in its own files.

help-title = Trợ giúp
nav-help = Trợ giúp
help-intro = Trang này giải thích các khu vực của Standort mà bạn có thể mở. Liên kết „Trợ giúp“ ở đầu mỗi trang dẫn đến phần của khu vực bạn đang xem.
help-contents = Mục lục trợ giúp
