// SPDX-License-Identifier: GPL-3.0-or-later
#include "BodyJobTracker.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace tanager {

// Destroyed at exit like Qt's own global pool, which waits for jobs still running.
Q_GLOBAL_STATIC(QThreadPool, s_pool)

QThreadPool *BodyJobTracker::pool()
{
    static const bool configured = [] {
        s_pool->setObjectName(u"tanager.body"_s);
        // One core stays free for the GUI thread and the raster helpers it waits on: with both
        // cores of a 2-core machine busy formatting and indexing, paints stalled for 30-45 ms.
        s_pool->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        return true;
    }();
    Q_UNUSED(configured)
    return s_pool;
}

} // namespace tanager
