// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuth2DeviceCodePanel.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace tanager {

OAuth2DeviceCodePanel::OAuth2DeviceCodePanel(QWidget *parent)
    : QFrame(parent), m_code(new QLabel(this)), m_linkLabel(new QLabel(this)),
      m_copy(new QPushButton(tr("&Copy code"), this))
{
    setFrameShape(QFrame::StyledPanel);
    QFont big = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_code->setFont(big);
    m_code->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_code->setFocusPolicy(Qt::StrongFocus);
    m_linkLabel->setTextFormat(Qt::RichText);
    m_linkLabel->setOpenExternalLinks(true);
    m_linkLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_linkLabel->setWordWrap(true);
    connect(m_copy, &QPushButton::clicked, this, &OAuth2DeviceCodePanel::copyCode);

    auto *layout = new QGridLayout(this);
    layout->addWidget(new QLabel(tr("Enter this code:"), this), 0, 0);
    layout->addWidget(m_code, 0, 1);
    layout->addWidget(m_copy, 0, 2);
    layout->addWidget(m_linkLabel, 1, 0, 1, 3);
    layout->setColumnStretch(1, 1);
}

void OAuth2DeviceCodePanel::showCode(const QString &userCode, const QUrl &verificationUri,
                                     const QUrl &verificationUriComplete, int expiresInSeconds)
{
    m_code->setText(userCode);
    m_link = verificationUriComplete.isValid() && !verificationUriComplete.isEmpty() ? verificationUriComplete
                                                                                     : verificationUri;
    const QString shown = verificationUri.toString().toHtmlEscaped();
    const QString href = m_link.toString(QUrl::FullyEncoded).toHtmlEscaped();
    m_linkLabel->setText(tr("at <a href=\"%1\">%2</a> (the code expires in %n minute(s))", nullptr,
                            qMax(1, (expiresInSeconds + 59) / 60))
                             .arg(href, shown));
    show();
}

QString OAuth2DeviceCodePanel::userCode() const
{
    return m_code->text();
}

void OAuth2DeviceCodePanel::copyCode()
{
    QGuiApplication::clipboard()->setText(m_code->text());
}

} // namespace tanager
