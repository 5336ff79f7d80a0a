package store

import (
	"errors"
	"io/fs"
	"syscall"
)

// osErr words an operating-system error on path for a person, in both
// languages: the system's own text is English only, and kept as detail.
func osErr(err error, path string) error {
	vi, en := osWords(err)
	return userErr(err, "Không dùng được "+path+": "+vi+". (Chi tiết: "+err.Error()+")",
		"Cannot use "+path+": "+en+". (Detail: "+err.Error()+")")
}

// osWords names the common operating-system errors in both languages.
func osWords(err error) (vi, en string) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "không có tệp hoặc thư mục này", "no such file or folder"
	case errors.Is(err, fs.ErrPermission):
		return "không có quyền truy cập", "permission denied"
	case errors.Is(err, syscall.ENOSPC):
		return "đĩa đã đầy", "the disk is full"
	case errors.Is(err, syscall.EFBIG):
		return "tệp vượt quá kích thước cho phép", "the file is larger than allowed"
	case errors.Is(err, syscall.EROFS):
		return "ổ đĩa chỉ cho đọc", "the drive is read-only"
	case errors.Is(err, syscall.EISDIR):
		return "đây là một thư mục", "it is a folder"
	case errors.Is(err, syscall.ENOTDIR):
		return "một phần của đường dẫn không phải thư mục", "part of the path is not a folder"
	case errors.Is(err, syscall.EIO):
		return "lỗi đọc ghi đĩa (đĩa hỏng hoặc thẻ nhớ bị rút?)", "input/output error (failing disk or removed stick?)"
	}
	return "lỗi hệ điều hành", "operating-system error"
}
