### Candidate portal and personal data: documents, consents, export, erasure

card-my-journey = Hành trình đến Đức của bạn
card-my-journey-hint = Các hồ sơ sắp xếp việc làm của bạn: những gì đã xong và các bước tiếp theo.
card-my-journey-empty = Các bước tiếp theo của bạn sẽ sớm hiện ở đây: khóa học tiếng, công nhận bằng cấp, thị thực và ngày đến.

portal-title = Cổng thông tin của tôi
portal-intro = Thông tin của bạn, hành trình đến Đức, các giấy tờ được yêu cầu, các sự đồng ý và dữ liệu của bạn – tất cả ở một nơi.
portal-sections = Các phần của trang này
portal-profile = Thông tin của tôi
portal-profile-hint = Bạn có thể thay đổi thông tin liên lạc, chứng chỉ tiếng Đức và ngày thi, hạng bằng lái xe, vùng mong muốn và ngày có thể bắt đầu. Họ tên và quê quán do cơ quan thay đổi sau khi kiểm tra giấy tờ tùy thân của bạn.
portal-save = Lưu
portal-tracks = Các bước của tôi
portal-tracks-pending = Các bước của bạn (tiếng Đức, công nhận bằng cấp, thị thực, ngày đến) và việc cần làm tiếp theo sẽ hiện ở đây ngay khi cơ quan bắt đầu quá trình giới thiệu việc làm cho bạn.
portal-documents = Giấy tờ
portal-documents-asked = Giấy tờ được yêu cầu
portal-documents-none-asked = Chúng tôi chưa yêu cầu bạn nộp giấy tờ nào.
portal-documents-uploaded = Giấy tờ của bạn
portal-documents-none = Chưa có giấy tờ nào.
document-kind = Loại giấy tờ
document-due = Hạn nộp
document-state = Tình trạng
document-received = Đã nhận
document-missing = Còn thiếu
document-upload = Tải lên
document-file = Tệp
document-limits = PDF, JPEG hoặc PNG, tối đa { $mb } MB.
document-size = Dung lượng
document-uploaded = Ngày tải lên
document-checksum = Mã kiểm tra (SHA-256)
document-ask = Yêu cầu giấy tờ
document-ask-submit = Yêu cầu ứng viên nộp
document-kind-passport = Hộ chiếu
document-kind-diploma = Bằng tốt nghiệp hoặc chứng chỉ nghề
document-kind-language-certificate = Chứng chỉ ngoại ngữ
document-kind-cv = Sơ yếu lý lịch
document-kind-recognition-notice = Quyết định của cơ quan công nhận
document-kind-other = Giấy tờ khác
portal-consents = Các sự đồng ý của tôi
portal-consents-hint = Bạn quyết định ai được xem hồ sơ của bạn. Việc rút lại sự đồng ý có hiệu lực ngay; mọi thay đổi đều được ghi lại kèm ngày giờ.
consent-what = Sự đồng ý
consent-state = Tình trạng
consent-purpose-share-employers = Cho tất cả nhà tuyển dụng trên Standort xem hồ sơ của tôi (không kèm thông tin liên lạc)
consent-purpose-share-employer = Cho { $organisation } xem hồ sơ của tôi (không kèm thông tin liên lạc)
consent-purpose-talent-pool = Giữ tôi trong nguồn nhân tài sau khi quá trình của tôi kết thúc
consent-given = Đã đồng ý
consent-given-since = Đã đồng ý ngày { $date }
consent-not-given = Chưa đồng ý
consent-give = Đồng ý
consent-withdraw = Rút lại
consent-history = Lịch sử các sự đồng ý của tôi
consent-history-empty = Chưa có sự đồng ý nào được đưa ra hoặc rút lại.
consent-event-given = đã đồng ý
consent-event-withdrawn = đã rút lại
portal-my-data = Dữ liệu của tôi
portal-export-hint = Tải xuống toàn bộ dữ liệu Standort lưu về bạn dưới dạng tệp JSON máy đọc được (Điều 15 và 20 GDPR): hồ sơ, bằng cấp, kỹ năng, các sự đồng ý kèm lịch sử, thông tin về giấy tờ của bạn kèm mã kiểm tra, và ai đã truy cập hồ sơ của bạn vào lúc nào.
portal-export = Tải xuống toàn bộ dữ liệu của tôi (JSON)
portal-erasure = Xóa dữ liệu của tôi
portal-erasure-hint = Bạn có thể yêu cầu cơ quan xóa hồ sơ, giấy tờ và các sự đồng ý của bạn (Điều 17 GDPR). Cơ quan sẽ kiểm tra xem có nghĩa vụ pháp lý phải lưu giữ hay không, sau đó tiến hành xóa.
portal-erasure-request = Yêu cầu xóa
portal-erasure-open = Bạn đã yêu cầu xóa dữ liệu vào ngày { $date }. Cơ quan đang xử lý yêu cầu của bạn.
portal-saved-ok = Thông tin của bạn đã được lưu.
portal-consent-ok = Sự đồng ý của bạn đã được ghi nhận.
portal-erasure-ok = Yêu cầu xóa dữ liệu của bạn đã được gửi đến cơ quan.
portal-upload-ok = Giấy tờ đã được tải lên.
portal-request-ok = Đã yêu cầu ứng viên nộp giấy tờ.
portal-process-ok = Đã ghi nhận ngày kết thúc quá trình.
portal-erased-ok = Dữ liệu của ứng viên đã được xóa.
portal-rejected-ok = Yêu cầu xóa dữ liệu đã bị từ chối.
portal-personal-data = Dữ liệu cá nhân
portal-export-staff = Xuất toàn bộ dữ liệu về người này (JSON, Điều 15/20 GDPR)
process-ended = Quá trình kết thúc ngày
process-ended-hint = Để trống khi quá trình vẫn đang diễn ra. Quy tắc lưu giữ sẽ xóa hồ sơ sau một số tháng nhất định kể từ ngày này, trừ khi người đó đã đồng ý ở lại trong nguồn nhân tài.
erase-title = Xóa dữ liệu (Điều 17 GDPR)
erase-requested = Người này đã yêu cầu xóa dữ liệu vào ngày { $date }.
erase-reject = Từ chối yêu cầu (nghĩa vụ pháp lý phải lưu giữ dữ liệu)
erase-hint = Việc xóa sẽ xóa vĩnh viễn hồ sơ, bằng cấp, kỹ năng, giấy tờ, các sự đồng ý, các quá trình giới thiệu việc làm và tài khoản đăng nhập của người này. Nhật ký kiểm tra ghi lại ai đã xóa hồ sơ nào vào lúc nào, không kèm dữ liệu cá nhân.
erase-confirm = Có, xóa vĩnh viễn toàn bộ dữ liệu của { $name }
erase-submit = Xóa ngay
erasure-requests-title = Yêu cầu xóa dữ liệu
erasure-requests-intro = Những người đã yêu cầu xóa dữ liệu của mình qua cổng thông tin. Mở hồ sơ của một người để xóa dữ liệu hoặc từ chối yêu cầu.
erasure-requests-empty = Không có yêu cầu nào đang chờ.
erasure-requested-at = Ngày yêu cầu
card-erasure-requests = Yêu cầu xóa dữ liệu
card-erasure-requests-hint = Các yêu cầu đang chờ từ cổng thông tin ứng viên (Điều 17 GDPR).
validation-document-empty = Tệp trống.
validation-document-too-large = Tệp quá lớn (tối đa 5 MB).
validation-document-type = Chỉ chấp nhận tệp PDF, JPEG và PNG; hệ thống kiểm tra nội dung tệp, không phải tên tệp.
validation-unknown-request = Yêu cầu giấy tờ không tồn tại.
portal-track = Hạng mục
portal-track-stage = Tình trạng hiện tại
portal-track-next = Việc tiếp theo

portal-languages-hint = Tại đây bạn ghi các ngôn ngữ bạn nói ngoài tiếng Đức. Trình độ tiếng Đức của bạn do cơ quan ghi nhận.
consent-employer-search = Tìm nhà tuyển dụng
consent-employer-search-label = Cho một nhà tuyển dụng cụ thể xem hồ sơ của tôi: tên nhà tuyển dụng
consent-employer-none = Không tìm thấy nhà tuyển dụng nào có tên này. Hãy thử một phần ngắn hơn của tên.

# Các phần này khi nhân viên đọc (không theo giọng của người đó).
staff-documents-none-asked = Chưa yêu cầu giấy tờ nào từ người này.
staff-documents-uploaded = Giấy tờ của người này
staff-consents = Sự đồng ý của người này
staff-consents-hint = Người này tự quyết định trong cổng thông tin ai được xem hồ sơ của mình; việc rút lại có hiệu lực ngay. Mọi thay đổi đều được ghi lại kèm ngày giờ.
staff-consent-history = Lịch sử đồng ý
staff-consent-history-empty = Người này chưa đồng ý hoặc rút lại sự đồng ý nào.
staff-danger-zone = Các bước không thể hoàn tác
staff-danger-hint = Những gì thực hiện ở đây không thể hoàn tác.
portal-erasure-confirm = Vâng, tôi muốn dữ liệu của tôi bị xóa vĩnh viễn.

## Help (`/help`): one paragraph per line
help-portal-title = Cổng thông tin của bạn
help-portal-text =
    Trong cổng thông tin, bạn xem hồ sơ của mình, các giấy tờ mà cơ quan xúc tiến kinh tế yêu cầu, và tiến độ các bước: ngôn ngữ, công nhận bằng cấp, thị thực và nhập cảnh.
    Hãy tải lên các giấy tờ được yêu cầu dưới dạng PDF, JPEG hoặc PNG. Bạn có thể đồng ý hoặc rút lại sự đồng ý (chia sẻ với nhà tuyển dụng, nhóm nhân tài) bất cứ lúc nào; mỗi thay đổi đều được ghi lại kèm ngày tháng.
    Bạn có thể tải xuống toàn bộ dữ liệu lưu về mình và yêu cầu xóa. Sau khi xóa, không còn gì về bạn ngoài một mục nhật ký không có tên bạn.
