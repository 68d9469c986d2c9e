### Organisations and their kinds

nav-organisations = Tổ chức

card-organisations = Tổ chức
card-organisations-hint = Các bệnh viện, doanh nghiệp và đối tác ở nước ngoài mà bạn hợp tác.
card-partners-hint = Các tổ chức trong mạng lưới. Quản trị viên thêm đối tác mới.
card-own-organisation = Tổ chức của bạn
card-employer-empty = Tổ chức của bạn và thông tin của tổ chức. Mô tả vị trí tuyển dụng tại mục “Vị trí tuyển dụng”: nghề theo ESCO, trình độ tiếng Đức, công nhận bằng cấp, địa điểm và ngày bắt đầu.

orgkind-agency = Cơ quan xúc tiến kinh tế
orgkind-investment_agency = Cơ quan xúc tiến đầu tư
orgkind-clinic = Bệnh viện
orgkind-transport_company = Công ty giao thông
orgkind-employer = Doanh nghiệp
orgkind-language_school = Trường ngoại ngữ
orgkind-recruiting_partner = Đối tác tuyển dụng
orgkind-supplier = Nhà cung cấp
orgkind-municipality = Chính quyền địa phương
orgkind-other = Khác

organisations-title = Tổ chức
organisations-count = { $count } tổ chức
organisations-empty = Chưa có tổ chức nào.
org-name = Tên
org-kind = Loại
org-country = Quốc gia
org-created = Ngày tạo
org-new-title = Tổ chức mới
org-create = Tạo tổ chức
org-created-ok = Đã tạo tổ chức.
org-members = Người dùng của tổ chức này
