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
orgkind-company = Doanh nghiệp (mạng lưới)
orgkind-investor = Nhà đầu tư
orgkind-public_body = Cơ quan nhà nước
orgkind-chamber = Phòng thương mại
orgkind-university = Trường đại học
orgkind-producer = Nhà sản xuất (sản phẩm địa phương)
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
org-search = Tìm kiếm
org-search-words = Tên (mọi hệ chữ, không dấu, cho phép một lỗi chính tả)
org-any = Tất cả
org-sector = Ngành kinh tế (NACE Rev. 2)
org-employees = Số nhân viên
org-website = Trang web
org-address = Địa chỉ
org-other-names = Tên khác
org-links = Liên kết
org-link-subsidiary_of = Công ty con của
org-link-parent_abroad = Công ty mẹ ở nước ngoài
org-link-partner_of = Đối tác của
org-link-back-subsidiary_of = Công ty mẹ của
org-link-back-parent_abroad = Công ty con trong nước của
org-link-back-partner_of = Đối tác của
org-profile = Thông tin mạng lưới
org-add-name = Thêm tên khác
org-name-lang = Ngôn ngữ và hệ chữ (BCP 47)
org-add-link = Thêm liên kết
org-link-kind = Loại liên kết
org-link-to = Với
org-filter-kind = Chỉ loại này
org-filter-country = Chỉ quốc gia này

## Help (`/help`): one paragraph per line
help-organisations-title = Tổ chức
help-organisations-text =
    Danh mục chứa mọi tổ chức của hệ thống: cơ quan xúc tiến kinh tế, nhà tuyển dụng, bệnh viện, cơ quan đối tác, nhà sản xuất và đối tác ở nước ngoài. Mỗi người thuộc đúng một tổ chức, và tổ chức quyết định những gì người đó được xem.
    Tìm theo tên (có thể bỏ dấu) và lọc theo loại và quốc gia. Nhân viên cơ quan tạo và sửa tổ chức; mọi thay đổi đều được ghi trong nhật ký.
