### ESCO search (occupations and skills)

esco-search-title = Tìm kiếm ESCO
esco-search-query = Từ khoá
esco-search-kind = Loại
esco-search-lang = Ngôn ngữ hiển thị
esco-search-submit = Tìm
esco-search-occupation = Tìm nghề nghiệp
esco-search-skill = Tìm kỹ năng
esco-kind-all = Nghề nghiệp và kỹ năng
esco-kind-occupation = Nghề nghiệp
esco-kind-skill = Kỹ năng
esco-results = Kết quả
esco-no-results = Không tìm thấy. Hãy thử từ ngắn hơn hoặc từ khác.
esco-matched = khớp với “{ $label }”
esco-attribution = Nghề nghiệp và kỹ năng: ESCO, © Liên minh châu Âu.
card-esco = Nghề nghiệp và kỹ năng
card-esco-hint = Tìm kiếm trong hệ thống phân loại châu Âu ESCO.
