#include "service/attachment_service.h"

#include <fmt/format.h>

#include <boost/json.hpp>

#include "domain/timestamp.h"
#include "service/audit_subject.h"
#include "storage/audit_hash.h"
#include "storage/not_found.h"

namespace ptdv {
namespace {

// "10 MB" for a limit of 10 MiB: the unit offices know.
std::string Megabytes(std::size_t bytes) {
  std::size_t tenths = (bytes * 10 + (1 << 20) / 2) >> 20;
  if (tenths % 10 == 0) return fmt::format("{} MB", tenths / 10);
  return fmt::format("{},{} MB", tenths / 10, tenths % 10);
}

// The type of the scan by its content, checked against the size limit and the declared type.
Result<ScanType> CheckScan(const ScanUpload& upload, std::size_t max_bytes) {
  if (upload.content.empty()) return Error::Invalid("Tệp rỗng, hãy chọn lại bản quét", "file");
  if (upload.content.size() > max_bytes) {
    return Error::Invalid(fmt::format("Tệp {} lớn quá giới hạn {}: hãy quét ở độ phân giải thấp "
                                      "hơn hoặc chia thành nhiều tệp",
                                      Megabytes(upload.content.size()), Megabytes(max_bytes)),
                          "file");
  }
  std::optional<ScanType> type = SniffScanType(upload.content);
  if (!type) {
    return Error::Invalid(
        "Chỉ nhận bản quét dạng PDF, JPEG hoặc PNG; nội dung tệp này không phải các dạng đó",
        "file");
  }
  if (upload.declared_media_type) {
    std::optional<ScanType> declared = ScanTypeFromMediaType(*upload.declared_media_type);
    if (declared && *declared != *type) {
      return Error::Invalid(
          fmt::format("Nội dung tệp là {} nhưng tệp được gửi như {}: hãy kiểm tra lại tệp",
                      ScanMediaType(*type), ScanMediaType(*declared)),
          "file");
    }
  }
  return *type;
}

std::string AttachmentJson(const Attachment& a) {
  return boost::json::serialize(boost::json::object{{"id", a.id},
                                                    {"event_id", a.event_id},
                                                    {"position", a.position},
                                                    {"form_code", a.form_code},
                                                    {"file_name", a.file_name},
                                                    {"media_type", ScanMediaType(a.type)},
                                                    {"size_bytes", a.size_bytes},
                                                    {"sha256", a.sha256}});
}

Result<CaseRecord> RecordInScope(Transaction& tx, const Actor& actor, Id case_id) {
  return FoundInScope(tx, actor, tx.Cases().GetRecord(case_id), NotFoundError(kCaseNoun, case_id),
                      [](const CaseRecord& r) { return r.header.cell_id; });
}

}  // namespace

AttachmentService::AttachmentService(Store& store, const Clock& clock, std::size_t max_bytes)
    : store_(store), clock_(clock), max_bytes_(max_bytes) {}

Result<Attachment> AttachmentService::Attach(const Actor& actor, Id case_id, ScanUpload upload) {
  PTDV_ASSIGN_OR_RETURN(ScanType type, CheckScan(upload, max_bytes_));
  PTDV_ASSIGN_OR_RETURN(std::string file_name, CleanScanName(upload.file_name, type));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadWrite));
  PTDV_ASSIGN_OR_RETURN(CaseRecord record, RecordInScope(*tx, actor, case_id));
  const CaseEvent* event = nullptr;
  for (const CaseEvent& e : record.events) {
    if (e.id == upload.event_id) event = &e;
  }
  if (event == nullptr) return NotFoundError(kStepNoun, upload.event_id);
  if (upload.position < 1 || upload.position > static_cast<int>(event->documents.size())) {
    return Error::NotFound(fmt::format("Bước «{}» ngày {} không có tài liệu thứ {}",
                                       ActionLabel(event->action), FormatVnDate(event->date),
                                       upload.position));
  }
  PTDV_RETURN_IF_ERROR(AuthoriseAction(*tx, actor, event->action, record.header.cell_id));
  Attachment attachment{.case_id = case_id,
                        .event_id = event->id,
                        .position = upload.position,
                        .form_code = event->documents[upload.position - 1].form_code,
                        .file_name = std::move(file_name),
                        .type = type,
                        .size_bytes = static_cast<std::int64_t>(upload.content.size()),
                        .sha256 = Sha256Hex(upload.content),
                        .uploaded_by = actor.login,
                        .uploaded_at = FormatTimestamp(clock_.Now())};
  PTDV_ASSIGN_OR_RETURN(attachment.id, tx->Attachments().Insert(attachment, upload.content));
  PTDV_RETURN_IF_ERROR(
      AppendAudit(*tx, actor, attachment.uploaded_at, "case.attach",
                  {.entity = "case", .id = case_id, .org_id = record.header.cell_id}, "",
                  AttachmentJson(attachment)));
  PTDV_RETURN_IF_ERROR(tx->Commit());
  return attachment;
}

Result<AttachmentList> AttachmentService::List(const Actor& actor, Id case_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(CaseInScope(*tx, actor, case_id));
  PTDV_ASSIGN_OR_RETURN(std::vector<Attachment> items, tx->Attachments().ListForCase(case_id));
  return AttachmentList{.items = std::move(items),
                        .downloadable = DisclosureFor(actor) == Disclosure::kPersonal,
                        .max_bytes = max_bytes_};
}

Result<std::pair<Attachment, std::string>> AttachmentService::Download(const Actor& actor,
                                                                       Id case_id,
                                                                       Id attachment_id) {
  PTDV_RETURN_IF_ERROR(AuthorisePermission(actor, Permission::kReadCases));
  PTDV_ASSIGN_OR_RETURN(auto tx, store_.Begin(Access::kReadOnly));
  PTDV_RETURN_IF_ERROR(CaseInScope(*tx, actor, case_id));
  if (DisclosureFor(actor) != Disclosure::kPersonal) {
    return Error::Forbidden(
        "Bản quét có thể chứa thông tin cá nhân: chỉ người được xem thông tin cá nhân mới tải về "
        "được");
  }
  return tx->Attachments().GetWithContent(case_id, attachment_id);
}

}  // namespace ptdv
