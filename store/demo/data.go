package demo

import (
	"fmt"
	"math/rand/v2"

	"donthu/model"
)

// weighted is a value with a weight.
type weighted[T any] struct {
	v T
	w int
}

func pick[T any](rng *rand.Rand, xs []weighted[T]) T {
	total := 0
	for _, x := range xs {
		total += x.w
	}
	n := rng.IntN(total)
	for _, x := range xs {
		if n < x.w {
			return x.v
		}
		n -= x.w
	}
	return xs[len(xs)-1].v
}

func one[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }

// Family names with their rough share of the population (per thousand).
var hoList = []weighted[string]{
	{"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95}, {"Phạm", 70}, {"Hoàng", 40}, {"Huỳnh", 15},
	{"Phan", 45}, {"Vũ", 30}, {"Võ", 15}, {"Đặng", 21}, {"Bùi", 20}, {"Đỗ", 14},
	{"Hồ", 13}, {"Ngô", 13}, {"Dương", 10}, {"Lý", 5}, {"Đinh", 6}, {"Trịnh", 5},
}

var (
	demMale   = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Thanh", "Xuân", "Quốc", "Văn Minh", "Đình", "Công"}
	demFemale = []string{"Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Thị Thu", "Thị Minh", "Hồng", "Phương", "Thị Ngọc", "Minh"}
	tenMale   = []string{"An", "Bình", "Cường", "Dũng", "Hùng", "Nam", "Quang", "Sơn", "Tuấn", "Hải", "Long", "Việt", "Khánh", "Hiếu", "Đức", "Thắng", "Tùng", "Phong", "Huy", "Trung", "Tâm", "Thành", "Hoà"}
	// "Thuỷ" and "Hoà" keep the old tone placement, as many cards do;
	// search finds them typed either way.
	tenFemale = []string{"Hà", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "Nga", "Phương", "Tâm", "Thảo", "Trang", "Yến", "Hằng", "Nhung", "Oanh", "Hương", "Huyền", "Thuỷ", "Loan", "Ngân", "Dung", "Thu"}
)

// Province codes of birth registration (TT 07/2016/TT-BCA), weighted
// towards the provinces that send workers to Gia Lâm.
var provinces = []weighted[string]{
	{"001", 40}, {"027", 8}, {"033", 10}, {"034", 9}, {"036", 8}, {"038", 9}, {"040", 7},
	{"030", 6}, {"024", 6}, {"025", 4}, {"035", 5}, {"037", 4}, {"017", 3}, {"020", 2},
	{"042", 3}, {"026", 3}, {"019", 2}, {"022", 2}, {"031", 2}, {"079", 1}, {"048", 1},
}

var mobilePrefixes = []string{"091", "094", "088", "083", "084", "085", "081", "082", "096", "097", "098", "086",
	"032", "033", "034", "035", "036", "037", "038", "039", "090", "093", "089", "070", "076", "077", "078", "079", "092", "056", "058"}

var employers = []weighted[string]{
	{"Công ty TNHH May mặc Gia Lâm", 30},
	{"Công ty CP Điện tử Sài Đồng", 18},
	{"Công ty TNHH Bao bì Đông Dư", 10},
	{"Công ty CP Thực phẩm Trâu Quỳ", 9},
	{"Công ty TNHH Cơ khí Phú Thị", 8},
	{"Công ty TNHH Giày da Kiêu Kỵ", 8},
	{"Công ty CP Dược phẩm Đặng Xá", 6},
	{"Công ty TNHH Logistics Ninh Hiệp", 5},
	{"Hợp tác xã Gốm sứ Bát Tràng", 3},
	{"Công ty TNHH Nhựa Dương Xá", 3},
}

var places = []string{
	"thôn Trung Dương, xã Kiêu Kỵ", "thôn Đông Dư Thượng, xã Gia Lâm", "xã Bát Tràng", "phường Trâu Quỳ",
	"thôn Dương Đanh, xã Dương Xá", "thôn Phú Thị, xã Phú Thị", "xã Đặng Xá", "thôn Sủi, xã Phú Thị",
	"khu tập thể Sài Đồng, phường Phúc Lợi", "thôn Ninh Hiệp, xã Ninh Hiệp",
}

// A worker's address: a rented room near the factories, or home.
func address(rng *rand.Rand) string {
	return one(rng, places) + ", Hà Nội"
}

// topic is a kind of matter people bring to the desk (docs/law.md, Where worker petitions go),
// with the words they use.
type topic struct {
	field     model.Field
	kind      model.PetitionKind
	regime    model.Regime
	weight    int
	summaries []string // %[1]s employer, %[2]d a month, %[3]d a count
}

var topics = []topic{
	{model.FieldWages, model.KindComplaint, model.RegimeLabour, 24, []string{
		"%[1]s nợ lương tháng %[2]d và tháng trước, chưa hẹn ngày trả",
		"%[1]s chậm trả lương %[3]d tháng, công nhân phải vay mượn để sinh hoạt",
		"%[1]s trừ lương khi đi muộn vài phút, trái nội quy đã đăng ký",
		"Không được trả tiền làm thêm giờ ngày lễ tháng %[2]d tại %[1]s",
		"%[1]s chưa trả tiền thưởng và lương tháng 13 như đã cam kết",
	}},
	{model.FieldInsurance, model.KindComplaint, model.RegimeLabour, 18, []string{
		"%[1]s chậm đóng BHXH %[3]d tháng, không chốt được sổ BHXH",
		"Bị trừ tiền BHXH vào lương nhưng %[1]s không nộp cho cơ quan BHXH",
		"Chưa được hưởng chế độ thai sản vì %[1]s nợ BHXH",
		"%[1]s không trả sổ BHXH khi người lao động nghỉ việc",
	}},
	{model.FieldDismissal, model.KindComplaint, model.RegimeLabour, 10, []string{
		"Bị %[1]s sa thải trái luật khi đang nuôi con dưới 12 tháng tuổi",
		"%[1]s đơn phương chấm dứt hợp đồng lao động không báo trước",
		"Bị %[1]s cho thôi việc sau khi tham gia thành lập tổ công đoàn",
	}},
	{model.FieldContract, model.KindComplaint, model.RegimeLabour, 6, []string{
		"Làm việc %[3]d năm tại %[1]s chưa được ký hợp đồng lao động",
		"%[1]s ký hợp đồng thời vụ liên tiếp cho công việc thường xuyên",
	}},
	{model.FieldHours, model.KindComplaint, model.RegimeLabour, 9, []string{
		"%[1]s bắt làm thêm giờ quá 300 giờ một năm",
		"Làm thêm ngày chủ nhật tại %[1]s không được nghỉ bù, không trả đủ tiền",
		"Ca đêm tại %[1]s không được trả phụ cấp làm đêm",
	}},
	{model.FieldSafety, model.KindComplaint, model.RegimeLabour, 7, []string{
		"Bị tai nạn lao động tại xưởng của %[1]s, công ty chưa bồi thường",
		"Xưởng của %[1]s nóng, thiếu quạt, không được cấp khẩu trang",
		"Nghi bị bệnh nghề nghiệp, %[1]s chưa cho đi giám định",
	}},
	{model.FieldUnionFee, model.KindDenunciation, model.RegimeUnion, 4, []string{
		"Tố cáo chủ tịch công đoàn cơ sở %[1]s sử dụng sai kinh phí công đoàn",
		"Tố cáo thủ quỹ công đoàn %[1]s giữ tiền đoàn phí không nộp",
	}},
	{model.FieldUnionOrg, model.KindComplaint, model.RegimeUnion, 3, []string{
		"Khiếu nại quyết định khai trừ khỏi công đoàn của ban chấp hành công đoàn cơ sở %[1]s",
		"Khiếu nại việc không được bầu vào ban chấp hành công đoàn cơ sở %[1]s",
	}},
	{model.FieldHours, model.KindDenunciation, model.RegimeLabour, 3, []string{
		"Tố cáo quản đốc %[1]s ép công nhân ký giấy tự nguyện làm thêm giờ",
		"Tố cáo tổ trưởng %[1]s thu tiền của công nhân mới vào làm",
	}},
	{model.FieldPolicy, model.KindRecommendation, model.RegimeLabour, 8, []string{
		"Đề nghị công đoàn kiến nghị %[1]s tăng tiền ăn ca",
		"Đề nghị hỗ trợ nhà ở cho công nhân thuê trọ gần %[1]s",
		"Đề nghị bố trí xe đưa đón công nhân %[1]s ca đêm",
	}},
	{model.FieldOther, model.KindReport, model.RegimeLabour, 5, []string{
		"Phản ánh bữa ăn ca tại %[1]s kém chất lượng",
		"Phản ánh tổ trưởng %[1]s quát mắng, xúc phạm công nhân",
		"Phản ánh nhà vệ sinh tại xưởng của %[1]s xuống cấp",
	}},
	{model.FieldDismissal, model.KindComplaint, model.RegimeDispute, 3, []string{
		"Tranh chấp với %[1]s về tiền trợ cấp thôi việc sau %[3]d năm làm việc",
		"Đề nghị hòa giải tranh chấp với %[1]s về tiền bồi thường khi chấm dứt hợp đồng",
	}},
	{model.FieldLand, model.KindComplaint, model.RegimeAdmin, 2, []string{
		"Khiếu nại mức bồi thường đất nông nghiệp bị thu hồi để mở rộng nhà xưởng %[1]s",
		"Khiếu nại quyết định xử phạt hành chính của UBND xã về việc xây dựng nhà trọ cho công nhân",
	}},
	{model.FieldPolicy, model.KindRecommendation, model.RegimeCitizens, 3, []string{
		"Đề nghị hướng dẫn thủ tục hưởng bảo hiểm thất nghiệp",
		"Hỏi về cách tính lương hưu khi nghỉ trước tuổi",
	}},
}

func (tp topic) summary(rng *rand.Rand, employer string, month int) string {
	return fmt.Sprintf(one(rng, tp.summaries), employer, month, 2+rng.IntN(5))
}

// Where transferred and guided matters go.
var (
	transferTo = []string{"Thanh tra Sở Nội vụ Hà Nội", "Tòa án nhân dân khu vực Gia Lâm", "Bảo hiểm xã hội thành phố Hà Nội", "Liên đoàn Lao động thành phố Hà Nội", "Hòa giải viên lao động xã Gia Lâm"}
	guideTo    = []string{"Hướng dẫn gửi đơn đến Tòa án nhân dân khu vực Gia Lâm", "Hướng dẫn đề nghị hòa giải viên lao động hòa giải", "Hướng dẫn liên hệ cơ quan BHXH nơi đóng", "Hướng dẫn gửi đơn đến Sở Nội vụ Hà Nội"}
	noteTexts  = []string{
		"Đã gọi điện cho phòng nhân sự công ty, hẹn làm việc",
		"Đã làm việc với ban giám đốc công ty, công ty hứa khắc phục",
		"Người lao động bổ sung bảng chấm công và phiếu lương",
		"Đã mời hai bên đối thoại tại trụ sở công đoàn",
		"Công ty gửi văn bản giải trình",
		"Đã xác minh tại xưởng, có ảnh chụp kèm theo",
		"Người lao động đề nghị giữ kín danh tính",
	}
	remindTexts = []string{"Hỏi kết quả công ty trả lương", "Hẹn người lao động đến nhận văn bản trả lời", "Nhắc công ty gửi giải trình", "Đối thoại lần hai", "Kiểm tra việc thực hiện kết luận"}
	// Papers people bring, by subject.
	docNames = map[model.Field][]string{
		model.FieldWages:     {"Phiếu lương", "Bảng chấm công", "Bản sao hợp đồng lao động"},
		model.FieldInsurance: {"Sổ BHXH", "Tờ rời quá trình đóng BHXH", "Giấy chứng sinh"},
		model.FieldDismissal: {"Quyết định chấm dứt hợp đồng", "Bản sao hợp đồng lao động", "Biên bản họp xử lý kỷ luật"},
		model.FieldContract:  {"Bản sao hợp đồng lao động", "Thẻ nhân viên", "Phiếu lương"},
		model.FieldHours:     {"Bảng chấm công", "Lịch tăng ca", "Phiếu lương"},
		model.FieldSafety:    {"Giấy ra viện", "Biên bản tai nạn lao động", "Ảnh chụp nơi làm việc"},
		model.FieldUnionFee:  {"Sổ quỹ công đoàn (bản sao)", "Chứng từ chi"},
		model.FieldUnionOrg:  {"Quyết định kỷ luật", "Biên bản đại hội công đoàn"},
		model.FieldLand:      {"Quyết định thu hồi đất", "Phương án bồi thường"},
	}
)
