#pragma once
// The rules content must satisfy before any kiosk shows it. One function for every origin: a
// staff directory (`kioskctl check`), a feed version (the sync engine), or generated test data.
#include "sync/content/issues.hpp"
#include "sync/content/model.hpp"

namespace kiosk::content {

void validate(const Content& content, Issues& issues);

}  // namespace kiosk::content
