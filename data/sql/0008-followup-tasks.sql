-- SPDX-License-Identifier: GPL-3.0-or-later
-- Đôn Đốc schema, version 8: placeholder on branch fu-reports only, so that
-- 0009 has a version to follow. The branch fu-tasks owns this file: its
-- version replaces this one when the branches are merged.
SELECT 1;
