# Employers' shortlist and introduction requests (issue 11, point 14).
shortlist-title = Danh sách quan tâm
shortlist-intro = Những người mà tổ chức của bạn đang quan tâm – dùng chung cho mọi đồng nghiệp. Chỉ hiện những người (vẫn) đồng ý cho bạn xem hồ sơ.
shortlist-filter = Lọc danh sách quan tâm
shortlist-search = Tên (có thể gõ không dấu)
shortlist-filter-position = Lọc theo vị trí
shortlist-count = { $count } người trong danh sách quan tâm
shortlist-empty = Chưa có ai trong danh sách quan tâm.
shortlist-find = Xem hồ sơ ứng viên
shortlist-position = Vị trí
shortlist-added = Ngày thêm
shortlist-actions = Danh sách quan tâm và giới thiệu
shortlist-on = Trong danh sách quan tâm của bạn
shortlist-for = cho “{ $position }”
shortlist-remove = Bỏ khỏi danh sách quan tâm
shortlist-position-for = Quan tâm cho vị trí
shortlist-add = Thêm vào danh sách quan tâm
shortlist-added-ok = Người này đã có trong danh sách quan tâm của bạn.
shortlist-removed-ok = Người này không còn trong danh sách quan tâm của bạn.

introductions-title = Yêu cầu giới thiệu
introductions-intro-staff = Nhà tuyển dụng đề nghị cơ quan giới thiệu một người. Hãy trả lời các yêu cầu đang mở trên trang của người đó: chấp nhận kèm các bước tiếp theo, hoặc từ chối kèm lý do.
introductions-intro-employer = Các yêu cầu của bạn gửi cơ quan để được giới thiệu một người, và câu trả lời.
introductions-filter = Lọc yêu cầu
introductions-search = Tên người
introductions-filter-state = Lọc theo trạng thái
introduction-filter-open = Đang mở
introduction-filter-answered = Đã trả lời
introduction-filter-accepted = Đã chấp nhận
introduction-filter-declined = Đã từ chối
introductions-count = { $count } yêu cầu
introductions-none = Không có yêu cầu nào.
introduction-requested = Ngày yêu cầu
introduction-employer = Nhà tuyển dụng
introduction-state = Trạng thái
introduction-message = Lời nhắn
introduction-answer = Trả lời
introduction-answer-link = Trả lời
introduction-state-open = Đang mở
introduction-state-accepted = Đã chấp nhận
introduction-state-declined = Đã từ chối
introduction-no-position = Không gắn với vị trí cụ thể
introduction-request-title = Đề nghị giới thiệu
introduction-request-hint = Cơ quan sẽ hỏi người đó và trả lời bạn tại đây; bạn sẽ nhận được thông báo.
introduction-position-for = Giới thiệu cho vị trí
introduction-message-label = Lời nhắn cho cơ quan (không bắt buộc)
introduction-request-submit = Gửi yêu cầu
introduction-line = { $org }, yêu cầu ngày { $date }, vị trí: { $position }
introduction-answered-on = Trả lời ngày { $date }
introduction-decision = Quyết định
introduction-accept = Chấp nhận (giới thiệu)
introduction-decline = Từ chối
introduction-answer-label = Trả lời nhà tuyển dụng
introduction-answer-hint = Khi chấp nhận: các bước tiếp theo hoặc người liên hệ; khi từ chối: lý do.
introduction-answer-submit = Gửi câu trả lời
introduction-requested-ok = Cơ quan đã nhận được yêu cầu của bạn.
introduction-answered-ok = Câu trả lời đã được lưu; nhà tuyển dụng sẽ được thông báo.
conflict-introduction-open = Đã có một yêu cầu đang mở cho người này và vị trí này.
conflict-introduction-answered = Yêu cầu này đã được trả lời.

card-shortlist = Danh sách quan tâm
card-shortlist-hint = Những người mà tổ chức của bạn đang quan tâm.
card-employer-introductions = Yêu cầu giới thiệu
card-employer-introductions-hint = Các yêu cầu của bạn gửi cơ quan và câu trả lời.
card-introductions = Yêu cầu giới thiệu
card-introductions-hint = Các yêu cầu đang mở của nhà tuyển dụng chờ bạn trả lời.

help-shortlist-title = Danh sách quan tâm và giới thiệu
help-shortlist-text =
    Nhà tuyển dụng lưu những người mà họ được phép xem vào danh sách quan tâm của tổ chức; mọi đồng nghiệp thấy cùng một danh sách.
    Trên trang của một người, nhà tuyển dụng đề nghị cơ quan giới thiệu, có thể cho một vị trí của họ và kèm lời nhắn. Mỗi người và vị trí chỉ có một yêu cầu đang mở.
    Cơ quan chấp nhận (kèm các bước tiếp theo hoặc người liên hệ) hoặc từ chối kèm lý do; cả hai bên đều được thông báo. Danh sách quan tâm và các yêu cầu là dữ liệu của người đó: có trong bản trích xuất dữ liệu và bị xóa cùng người đó.
