// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A WebhookEventStore on a fresh database in a temporary folder, with its writer started: what the catcher's,
// the event model's and the Webhooks window's tests start from. Test code only.

#include "Database.h"
#include "StorageWriter.h"
#include "WebhookEventStore.h"

#include <QTemporaryDir>

#include <memory>

namespace tanager::test {

struct WebhookStoreFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<StorageWriter> writer;
    std::unique_ptr<WebhookEventStore> store;

    /// False when the database cannot be opened.
    bool openStore()
    {
        dir = std::make_unique<QTemporaryDir>();
        auto db = Database::open(dir->filePath(QStringLiteral("t.sqlite")));
        if (!db)
            return false;
        writer = std::make_unique<StorageWriter>(db.value());
        writer->start();
        store = std::make_unique<WebhookEventStore>(db.value(), writer.get());
        return true;
    }

    /// Closes the store, then the writer (which commits what is queued), then removes the folder.
    void closeStore()
    {
        store.reset();
        writer.reset();
        dir.reset();
    }
};

} // namespace tanager::test
