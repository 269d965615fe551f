<?xml version="1.0" encoding="utf-8"?>
<!-- Shows rss.xml and atom.xml readably when a browser opens them (XSLT 1.0).
     Written to OUT/feed.xsl; every feed references it with <?xml-stylesheet?>. -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:media="http://search.yahoo.com/mrss/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:fh="http://purl.org/syndication/history/1.0"
  exclude-result-prefixes="atom media dc fh">
<xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat"/>

<xsl:template match="/">
<html>
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="rss/channel/title | atom:feed/atom:title"/> (feed)</title>
<style>
:root { color-scheme: light dark; --muted: #667; --line: #dde; }
body { font: 17px/1.55 Georgia, "Times New Roman", serif; max-width: 42rem; margin: 0 auto; padding: 1.5rem 1rem 4rem; }
.note { font: 14px/1.4 system-ui, sans-serif; background: #fff6d5; color: #333; border: 1px solid #e8d27a; padding: .6rem .8rem; border-radius: 4px; }
header { border-bottom: 3px double var(--line); margin-bottom: 1rem; }
h1 { margin: .75rem 0 .25rem; font-size: 2rem; }
header p { margin: 0 0 .75rem; color: var(--muted); }
article { border-bottom: 1px solid var(--line); padding: 1rem 0; }
article h2 { margin: .25rem 0; font-size: 1.3rem; line-height: 1.3; }
article h2 a { color: inherit; }
.meta, figcaption, .tags { font: 14px/1.4 system-ui, sans-serif; color: var(--muted); }
figure { margin: .75rem 0; }
figure img { max-width: 100%; height: auto; display: block; }
.credit { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
</style>
</head>
<body>
<xsl:variable name="home">
  <xsl:choose>
    <xsl:when test="rss/channel/fh:archive | atom:feed/fh:archive">../../index.html</xsl:when>
    <xsl:otherwise>index.html</xsl:otherwise>
  </xsl:choose>
</xsl:variable>
<p class="note">This is a feed; copy its URL into your reader to follow it.
  The articles are also on <a href="{$home}">the web page</a>.
  <xsl:if test="rss/channel/fh:archive | atom:feed/fh:archive"> This is an archive page of older articles.</xsl:if>
</p>
<xsl:apply-templates select="rss/channel | atom:feed"/>
</body>
</html>
</xsl:template>

<xsl:template match="channel">
  <header>
    <h1><xsl:value-of select="title"/></h1>
    <p><xsl:value-of select="description"/></p>
  </header>
  <xsl:for-each select="item">
    <article>
      <h2><xsl:choose>
        <xsl:when test="link"><a href="{link}"><xsl:value-of select="title"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="title"/></xsl:otherwise>
      </xsl:choose></h2>
      <p class="meta"><xsl:value-of select="pubDate"/>
        <xsl:for-each select="dc:creator"> · <xsl:value-of select="."/></xsl:for-each></p>
      <xsl:apply-templates select="media:content[1]"/>
      <p><xsl:value-of select="description"/></p>
      <xsl:if test="category">
        <p class="tags"><xsl:for-each select="category">#<xsl:value-of select="."/><xsl:text> </xsl:text></xsl:for-each></p>
      </xsl:if>
    </article>
  </xsl:for-each>
</xsl:template>

<xsl:template match="atom:feed">
  <header>
    <h1><xsl:value-of select="atom:title"/></h1>
    <p><xsl:value-of select="atom:subtitle"/></p>
  </header>
  <xsl:for-each select="atom:entry">
    <article>
      <h2><xsl:choose>
        <xsl:when test="atom:link[@rel='alternate']"><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></xsl:when>
        <xsl:otherwise><xsl:value-of select="atom:title"/></xsl:otherwise>
      </xsl:choose></h2>
      <p class="meta"><xsl:value-of select="atom:published"/>
        <xsl:for-each select="atom:author/atom:name"> · <xsl:value-of select="."/></xsl:for-each></p>
      <xsl:apply-templates select="media:content[1]"/>
      <p><xsl:value-of select="atom:summary"/></p>
      <xsl:if test="atom:category">
        <p class="tags"><xsl:for-each select="atom:category">#<xsl:value-of select="@term"/><xsl:text> </xsl:text></xsl:for-each></p>
      </xsl:if>
    </article>
  </xsl:for-each>
</xsl:template>

<xsl:template match="media:content">
  <figure>
    <img src="{@url}" alt="{media:description}" loading="lazy"/>
    <figcaption><xsl:value-of select="media:description"/>
      <xsl:if test="media:credit"><xsl:text> </xsl:text><span class="credit">Photo: <xsl:value-of select="media:credit"/></span></xsl:if>
    </figcaption>
  </figure>
</xsl:template>
</xsl:stylesheet>
